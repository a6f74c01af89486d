import type { WorkOrder } from '../../models/workOrder';
import { startOfZoneDay } from '../../models/zoneTime';

/** Mean minutes from creation to first response (assignment or start) over orders responded to since `from`; null when none. */
export function meanResponseMin(orders: readonly Pick<WorkOrder, 'createdAt' | 'respondedAt'>[], from: number): number | null {
  let sum = 0;
  let n = 0;
  for (const w of orders) {
    if (w.respondedAt === null || w.respondedAt < from || w.respondedAt < w.createdAt) continue;
    sum += w.respondedAt - w.createdAt;
    n++;
  }
  return n ? Math.round((sum / n / 60_000) * 10) / 10 : null;
}

/** Midnight, in the compound's time zone (the server's "today"), before `now`. */
export function dayStartInZone(now: number, zone: string): number {
  return startOfZoneDay(now, zone);
}
