import type { TwinSnapshot } from '../../models';
import type { Twins } from '../live/twins';

/** A compound's full live picture, built synchronously from memory so no delta can slip past it. */
export function buildSnapshot(twins: Twins, compoundId: string, seq: number): TwinSnapshot | null {
  const t = twins.get(compoundId);
  if (!t || !t.kpis) return null;
  return {
    compoundId,
    seq,
    at: Date.now(),
    devices: t.live.list(),
    alarms: [...t.alarms.values()],
    workOrders: [...t.workOrders.values()],
    kpis: t.kpis,
  };
}
