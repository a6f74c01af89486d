import {
  DEFAULT_CHARGER_PORTS,
  findForbiddenKey,
  REVENUE_DEVICE_TYPES,
  REVENUE_KIND_STREAM,
  REVENUE_ITEM_SCHEMAS,
  RevenueItemSchema,
  type RevenueKind,
  yuan,
  type IngestResult,
  type RevenueItem,
} from '../../models';
import type { Db } from '../db/db';
import { REFRESH_REVENUE } from '../db/operations.sql';
import type { Twins } from '../live/twins';
import { HttpError } from '../http/errors';
import { outsideTimeWindow, type TimeWindow } from '../ingest/validateReadings';

/** Batches in flight at once; more answer 503 + Retry-After (as readings ingest does). */
const MAX_IN_FLIGHT = 8;
/** Rows per insert statement (the simulator's backfill hands over larger lists). */
const INSERT_CHUNK = 5_000;
/** Without an ingest to ask: a year back, 5 minutes ahead (the readings' defaults). */
const DEFAULT_WINDOW: TimeWindow = { maxAgeMs: 366 * 86_400_000, maxFutureMs: 5 * 60_000 };

/** revenue_events' columns, one array each (unnest). */
interface Columns {
  ts: number[];
  device: (string | null)[];
  kind: string[];
  stream: string[];
  id: string[];
  amount: number[];
  kwh: (number | null)[];
  start: (number | null)[];
  port: (number | null)[];
  direction: (string | null)[];
  vehicle: (string | null)[];
  minutes: (number | null)[];
  occupied: (number | null)[];
  spaces: (number | null)[];
  months: (number | null)[];
  slot: (string | null)[];
  plays: (number | null)[];
}

const emptyColumns = (): Columns => ({
  ts: [],
  device: [],
  kind: [],
  stream: [],
  id: [],
  amount: [],
  kwh: [],
  start: [],
  port: [],
  direction: [],
  vehicle: [],
  minutes: [],
  occupied: [],
  spaces: [],
  months: [],
  slot: [],
  plays: [],
});

/** "an ebike_charger", "an info_screen, access_gate or parking_gate". */
const anyOf = (types: readonly string[]): string =>
  `${/^[aeiou]/.test(types[0]) ? 'an' : 'a'} ${types.length > 1 ? `${types.slice(0, -1).join(', ')} or ${types[types.length - 1]}` : types[0]}`;

/** When the event counts (the row's ts): a session's end, the others' `at`. */
export const revenueTs = (e: RevenueItem): number => (e.kind === 'charge_session' ? e.end : e.at);

function push(c: Columns, e: RevenueItem): void {
  const n = null;
  c.ts.push(revenueTs(e));
  c.kind.push(e.kind);
  c.stream.push(REVENUE_KIND_STREAM[e.kind]);
  c.id.push(e.id);
  c.device.push(e.deviceId ?? n);
  const s = e.kind === 'charge_session' ? e : null;
  const p = e.kind === 'parking_pass' ? e : null;
  const r = e.kind === 'space_rent' ? e : null;
  const a = e.kind === 'ad_play' ? e : null;
  c.amount.push(a ? yuan(a.plays * a.price) : yuan(s?.fee ?? p?.fee ?? r?.fee ?? 0));
  c.kwh.push(s ? s.kwh : n);
  c.start.push(s ? s.start : n);
  c.port.push(s?.port ?? n);
  c.direction.push(p ? p.direction : n);
  c.vehicle.push(p ? p.vehicle : n);
  c.minutes.push(s ? (s.end - s.start) / 60_000 : (p?.minutes ?? n));
  c.occupied.push(p?.occupied ?? n);
  c.spaces.push(r ? r.spaces : n);
  c.months.push(r ? r.months : n);
  c.slot.push(a ? a.slot : n);
  c.plays.push(a ? a.plays : n);
}

const slice = (c: Columns, from: number, to: number): unknown[] => Object.values(c).map((col: unknown[]) => col.slice(from, to));

/** One statement per chunk, all in one transaction: a batch is stored whole or not at all; a repeat is a duplicate. */
const INSERT = `insert into revenue_events
  (ts, compound_id, device_id, kind, stream, event_id, amount, kwh, start_ts, port, direction, vehicle, minutes, occupied, spaces, months, slot, plays)
  select to_timestamp(t / 1000.0), $18, dev, k, st, id, amt, kwh, case when s is null then null else to_timestamp(s / 1000.0) end, port, dir, veh, mins, occ, sp, mo, slot, plays
    from unnest($1::float8[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[], $8::float8[], $9::int[], $10::text[],
                $11::text[], $12::float8[], $13::int[], $14::int[], $15::int[], $16::text[], $17::int[])
      as u(t, dev, k, st, id, amt, kwh, s, port, dir, veh, mins, occ, sp, mo, slot, plays)
  on conflict do nothing`;

/** Revenue events (charger sessions, parking passes, space rents, ad plays): validated, stored idempotently in revenue_events. */
export class RevenueService {
  private inFlight = 0;
  /** Events stored since start. */
  accepted = 0;

  constructor(
    readonly db: Db,
    readonly twins: Twins,
    readonly log: (m: string) => void,
    /** The readings' ingest: revenue takes its time window. */
    private readonly ingest?: { readonly window: TimeWindow },
  ) {}

  get window(): TimeWindow {
    return this.ingest?.window ?? DEFAULT_WINDOW;
  }

  /**
   * Checks every item against the schema, the time window and the compound's devices; stores the valid ones in one
   * transaction. Each bad item is listed with its index and `field: reason`; a repeat (same kind, id and moment) is a
   * duplicate, in the batch or in the table.
   */
  async ingestItems(compoundId: string, items: unknown[], now = Date.now()): Promise<IngestResult> {
    const twin = this.twins.get(compoundId);
    if (!twin) throw new HttpError(404, `unknown compound "${compoundId}"`);
    if (this.inFlight >= MAX_IN_FLIGHT) throw new HttpError(503, 'revenue ingest is overloaded, retry later', { retryAfterS: 1 });
    this.inFlight++;
    try {
      const doc = twin.entry.doc;
      const ports = doc.operations?.chargerPorts ?? DEFAULT_CHARGER_PORTS;
      const spaces = doc.operations?.parking?.spaces;
      const window = this.window;
      const rejected: IngestResult['rejected'] = [];
      const cols = emptyColumns();
      const seen = new Set<string>();
      let duplicates = 0;
      items.forEach((item, index) => {
        const bad = (reason: string) => void rejected.push({ index, reason });
        if (item === null || typeof item !== 'object' || Array.isArray(item)) return bad('item must be an object {kind, id, …}');
        const forbidden = findForbiddenKey(item);
        if (forbidden) return bad(`forbidden key "${forbidden}"`);
        const kind = (item as { kind?: unknown }).kind;
        const p = (
          typeof kind === 'string' && Object.hasOwn(REVENUE_ITEM_SCHEMAS, kind) ? REVENUE_ITEM_SCHEMAS[kind as RevenueKind] : RevenueItemSchema
        ).safeParse(item);
        if (!p.success) {
          const iss = p.error.issues[0];
          return bad(`${iss.path.join('.') || 'item'}: ${iss.message}`);
        }
        const e = p.data;
        if (e.deviceId !== undefined) {
          const types = REVENUE_DEVICE_TYPES[e.kind];
          const d = twin.entry.devices.get(e.deviceId);
          if (!d || !types.includes(d.type))
            return bad(`deviceId: device "${e.deviceId}" is not ${anyOf(types)} of compound "${compoundId}"${d ? ` (it is ${anyOf([d.type])})` : ''}`);
        }
        if (e.kind === 'charge_session') {
          if (e.port !== undefined && e.port > ports) return bad(`port: ${e.port} is past the compound's ${ports} ports per charger`);
          const out = outsideTimeWindow('start', e.start, now, window) ?? outsideTimeWindow('end', e.end, now, window);
          if (out) return bad(out);
        } else {
          if (e.kind === 'parking_pass' && spaces !== undefined && e.occupied !== undefined && e.occupied > spaces)
            return bad(`occupied: ${e.occupied} is more than the compound's ${spaces} spaces`);
          const out = outsideTimeWindow('at', e.at, now, window);
          if (out) return bad(out);
        }
        const key = `${e.kind}\u0000${e.id}\u0000${revenueTs(e)}`;
        if (seen.has(key)) return void duplicates++;
        seen.add(key);
        push(cols, e);
      });
      const n = cols.ts.length;
      const inserted = n
        ? await this.db.transaction(async (q) => {
            let k = 0;
            for (let i = 0; i < n; i += INSERT_CHUNK) k += (await q.query(INSERT, [...slice(cols, i, i + INSERT_CHUNK), compoundId])).rowCount;
            return k;
          })
        : 0;
      this.accepted += inserted;
      return { accepted: inserted, duplicates: duplicates + n - inserted, rejected };
    } finally {
      this.inFlight--;
    }
  }

  /** Whether the compound has any revenue event stored (the simulator backfills only empty ones). */
  async hasEvents(compoundId: string): Promise<boolean> {
    const r = await this.db.query('select 1 from revenue_events where compound_id = $1 limit 1', [compoundId]);
    return r.rows.length > 0;
  }

  /** Brings the hourly aggregate up to date (embedded mode has no background jobs; after a backfill). */
  async refresh(): Promise<void> {
    if (this.db.timescaledb) await this.db.query(REFRESH_REVENUE);
  }
}
