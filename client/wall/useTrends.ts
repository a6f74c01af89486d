import { useRemPx as useRemPxOf } from '../charts/useRemPx';
import { useEffect, useState } from 'react';
import type { EnergyMetric } from '../../models/energy';
import type { AlarmHourly, EnergyHourly } from '../../models/trends';
import { request } from '../live/api';
import { useTwinStore } from '../stores/useTwinStore';

const REFRESH_MS = 120_000;

/** Loads `path` for the loaded compound now and every two minutes; keeps the last answer through a failed refresh. */
function usePolled<T>(path: (compoundId: string) => string, refreshMs = REFRESH_MS): T | null {
  const compoundId = useTwinStore((s) => s.compound?.id ?? null);
  const [data, setData] = useState<T | null>(null);
  const url = compoundId ? path(compoundId) : null;
  useEffect(() => {
    if (!url) return;
    const ctrl = new AbortController();
    const load = () =>
      request<T>(url, { signal: ctrl.signal }).then(
        (d) => !ctrl.signal.aborted && setData(d),
        () => undefined,
      );
    void load();
    const timer = setInterval(() => void load(), refreshMs);
    return () => {
      ctrl.abort();
      clearInterval(timer);
    };
  }, [url, refreshMs]);
  return data;
}

/** The compound's use by local hour, today against yesterday (GET /compounds/:id/energy/hourly). */
export const useEnergyHourly = (metric: EnergyMetric = 'energy_kwh') =>
  usePolled<EnergyHourly>((id) => `/api/v1/compounds/${encodeURIComponent(id)}/energy/hourly?metric=${metric}`);

/** Annunciations per local hour by severity over `days` days (GET /compounds/:id/alarm-metrics/hourly). */
export const useAlarmHourly = (days = 7) => usePolled<AlarmHourly>((id) => `/api/v1/compounds/${encodeURIComponent(id)}/alarm-metrics/hourly?days=${days}`);

/** The wall's rem in CSS px (it follows the screen height, see wall.css). */
export const useRemPx = (): number => useRemPxOf(16);
