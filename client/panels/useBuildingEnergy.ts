import { useEffect, useState } from 'react';
import type { Device } from '../../models/compound';
import { api } from '../live/api';

/** Building-level meters (the ones the KPIs sum): public meters and electric meters not tied to one home. */
export function isAggregateEnergyMeter(d: Device): boolean {
  return d.type === 'public_meter' || (d.type === 'electric_meter' && d.households !== 1);
}

export function startOfToday(now = Date.now()): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** kWh used since local midnight by a building's aggregate meters (hourly buckets, summed); null while unknown. */
export function useBuildingEnergy(devices: readonly Device[] | undefined): number | null {
  const [kwh, setKwh] = useState<number | null>(null);
  useEffect(() => {
    setKwh(null);
    const meters = (devices ?? []).filter(isAggregateEnergyMeter);
    if (!meters.length) return;
    const ctrl = new AbortController();
    const from = startOfToday();
    const to = Date.now();
    Promise.all(
      meters.map((m) =>
        api.series(m.id, 'energy_kwh', from, to, '1h', ctrl.signal).then(
          (s) => s.points.reduce((a, p) => a + p.sum, 0),
          () => null,
        ),
      ),
    )
      .then((sums) => {
        if (ctrl.signal.aborted) return;
        const known = sums.filter((x): x is number => x !== null);
        setKwh(known.length ? known.reduce((a, b) => a + b, 0) : null);
      })
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [devices]);
  return kwh;
}
