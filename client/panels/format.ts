import { sameZoneDay } from '../../models/zoneTime';
import { compoundZone, zoneStamp } from '../i18n/zone';

/** HH:mm today, MM-dd HH:mm otherwise — in the loaded compound's time zone, whatever the browser's. */
export function formatTime(ms: number, now = Date.now(), zone: string = compoundZone()): string {
  return zoneStamp(ms, sameZoneDay(ms, now, zone) ? 'hm' : 'md-hm', zone);
}

/** A reading for display: integers as is, others with up to 3 significant decimals. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return '—';
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 1 : abs >= 1 ? 2 : 3;
  return v.toLocaleString('en-US', { maximumFractionDigits: digits });
}
