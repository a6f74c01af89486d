import { useEffect, useState } from 'react';
import type { WorkOrder } from '../../models/workOrder';
import { useOpsStore } from '../stores/useOpsStore';
import { meanResponseMin } from './workOrderStats';

const POLL_MS = 60_000;
const WINDOW_MS = 7 * 86_400_000;

/** Mean first-response time of the compound's work orders over the last 7 days; polled once a minute and whenever an order changes. */
export function useWorkOrderResponse(compoundId: string, enabled: boolean): number | null {
  const [mean, setMean] = useState<number | null>(null);
  const rev = useOpsStore((s) => s.workOrders);
  useEffect(() => {
    if (!enabled) return;
    const ctrl = new AbortController();
    const load = () =>
      fetch(`/api/v1/work-orders?compoundId=${encodeURIComponent(compoundId)}&limit=500`, { signal: ctrl.signal, headers: { accept: 'application/json' } })
        .then((r) => (r.ok ? (r.json() as Promise<WorkOrder[]>) : null))
        .then((list) => list && setMean(meanResponseMin(list, Date.now() - WINDOW_MS)))
        .catch(() => undefined);
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => {
      ctrl.abort();
      clearInterval(timer);
    };
  }, [compoundId, enabled, rev]);
  return mean;
}
