import { useEffect, useMemo, useState } from 'react';
import { liveStore } from '../stores/liveStore';
import { useTwinStore } from '../stores/useTwinStore';
import { systemHealth, systemsOf, type SystemHealth } from './systemHealth';

const EVERY_MS = 2_000;

const same = (a: SystemHealth[], b: SystemHealth[]) =>
  a.length === b.length && a.every((x, i) => x.system === b[i].system && x.online === b[i].online && x.total === b[i].total);

/** Per-system health from the live store, recomputed every 2 s (readings never re-render React; this renders only when a count moves). */
export function useSystemHealth(): SystemHealth[] {
  const compound = useTwinStore((s) => s.compound);
  const systems = useMemo(() => systemsOf(compound?.devices ?? []), [compound]);
  const [health, setHealth] = useState<SystemHealth[]>([]);
  useEffect(() => {
    const compute = () => {
      const devices = liveStore.getState().devices;
      const next = systemHealth(systems, (id) => devices.get(id)?.status);
      setHealth((prev) => (same(prev, next) ? prev : next));
    };
    compute();
    const timer = setInterval(compute, EVERY_MS);
    return () => clearInterval(timer);
  }, [systems]);
  return health;
}
