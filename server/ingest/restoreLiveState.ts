import type { Queryable } from '../db/db';
import { latestReadings } from '../db/readings.repo';
import { isolated } from '../live/isolated';
import type { Twins } from '../live/twins';

/**
 * Start-up: each compound's live state from its newest stored readings. A compound whose rows cannot be
 * read is logged by name and starts with no readings (its devices show offline until they report again),
 * so one bad row or compound never keeps the server, or the other compounds, from starting.
 */
export async function restoreLiveState(db: Queryable, twins: Twins, log: (msg: string) => void, now = Date.now()): Promise<void> {
  for (const twin of twins.all()) {
    const id = twin.entry.doc.id;
    const rows = await isolated(`[startup] ${id}: live state not restored from stored readings, starting empty`, log, () => latestReadings(db, id));
    for (const r of rows ?? []) twin.live.applyReading(r.device_id, r.metric, r.t, r.value, now);
  }
}
