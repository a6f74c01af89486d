import type { Db } from '../db/db';
import { isolated } from '../live/isolated';
import { recordUptime } from '../db/rating.repo';
import type { Twins } from '../live/twins';

const HOUR = 3_600_000;

/** Writes this hour's online/total device counts per type for every compound (the evidence behind the online rate). */
export async function sampleUptime(db: Db, twins: Twins, now = Date.now(), log: (m: string) => void = () => undefined): Promise<void> {
  const hour = Math.floor(now / HOUR) * HOUR;
  for (const twin of twins.owned()) {
    const byType = new Map<string, { online: number; total: number }>();
    for (const d of twin.entry.doc.devices) {
      const s = twin.live.states.get(d.id);
      const e = byType.get(d.type) ?? { online: 0, total: 0 };
      e.total++;
      if (s && s.status !== 'offline') e.online++;
      byType.set(d.type, e);
    }
    if (byType.size) await isolated(`[uptime] ${twin.entry.doc.id}`, log, () => recordUptime(db, twin.entry.doc.id, hour, byType));
  }
}
