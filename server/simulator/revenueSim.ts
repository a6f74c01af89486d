// The demo's revenue (DESIGN.md "Operations"): e-bike charging, parking and ads, planned day by day in the compound's
// time zone from the seed, so a backfill and the live ticks write the same events (a repeat is a duplicate).
// Every item goes through RevenueService like a real gateway's.
import { DEFAULT_CHARGER_PORTS, type Compound, type Device, type RevenueItemInput } from '../../models';
import { DEFAULT_TIME_ZONE } from '../../models/compound';
import { zoneOffsetMs } from '../../models/zoneTime';
import type { Twins } from '../live/twins';
import type { RevenueService } from '../revenue/revenue.service';
import { hashString, mix, seeded, type Rand } from './seeded';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** Spaces behind each parking gate and the rented share, where the compound does not say (`operations.parking`). */
export const DEFAULT_SPACES_PER_GATE = 120;
export const DEFAULT_RENTED_SHARE = 0.6;
/** Monthly rent of one space, yuan; a year paid at once gets 10 % off. */
export const SPACE_RENT_PER_MONTH = 150;
/** Charging: yuan per kWh, at least MIN_CHARGE_FEE a session. */
export const CHARGE_PRICE_PER_KWH = 1.2;
const MIN_CHARGE_FEE = 0.5;

/**
 * Ad slots by device type: contracted price per play (yuan) and plays per hour while screens are on (07:00–23:00).
 * Every info screen and parking barrier carries ads; an access panel only where its door's ads are sold (ACCESS_AD_SHARE).
 */
const AD_SLOTS: Record<string, { slot: string; price: number; perHour: number }[]> = {
  info_screen: [
    { slot: 'screen-local', price: 0.01, perHour: 30 },
    { slot: 'screen-brand', price: 0.015, perHour: 24 },
  ],
  access_gate: [{ slot: 'gate-panel', price: 0.008, perHour: 24 }],
  parking_gate: [{ slot: 'barrier-arm', price: 0.02, perHour: 12 }],
};
const AD_FIRST_HOUR = 7;
const AD_LAST_HOUR = 23;
export const ACCESS_AD_SHARE = 0.5;

/** Temporary parking: the first half hour free, then ¥3 per started hour, at most ¥20 a stay. */
export function temporaryFee(minutes: number): number {
  return minutes <= 30 ? 0 : Math.min(20, Math.ceil(minutes / 60) * 3);
}
/** Shared parking (an outsider on a renter's empty space by day): ¥2 per started hour, at most ¥15. */
export function sharedFee(minutes: number): number {
  return Math.min(15, Math.ceil(minutes / 60) * 2);
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
/** A standard normal draw. */
const normal = (r: Rand) => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
const ramp = (h: number, a: number, b: number) => clamp((h - a) / (b - a), 0, 1);

/** A day's plan: its events sorted by their moment (a session's end, the others' `at`). */
type Planned = { ts: number; item: RevenueItemInput };

/**
 * One compound's revenue, planned per local day (days are numbered from 1970-01-01 in the compound's calendar).
 * `between(from, to)` gives the events whose moment falls in (from, to].
 */
export class RevenuePlan {
  readonly zone: string;
  readonly chargers: Device[];
  readonly gates: Device[];
  readonly adDevices: Device[];
  readonly ports: number;
  readonly spaces: number;
  readonly rented: number;
  private readonly cache = new Map<number, Planned[]>();
  private readonly midnights = new Map<number, number>();
  private readonly offsets = new Map<number, number>();

  constructor(
    private readonly compoundId: string,
    doc: Pick<Compound, 'devices' | 'operations' | 'timeZone'>,
    private readonly seed: number,
  ) {
    this.zone = doc.timeZone ?? DEFAULT_TIME_ZONE;
    this.chargers = doc.devices.filter((d) => d.type === 'ebike_charger');
    this.gates = doc.devices.filter((d) => d.type === 'parking_gate');
    this.adDevices = doc.devices.filter(
      (d) => d.type in AD_SLOTS && (d.type !== 'access_gate' || mix(seed, hashString(`${compoundId}:adsold:${d.id}`)) / 2 ** 32 < ACCESS_AD_SHARE),
    );
    this.ports = doc.operations?.chargerPorts ?? DEFAULT_CHARGER_PORTS;
    const p = doc.operations?.parking;
    this.spaces = p?.spaces ?? (this.gates.length ? Math.max(60, DEFAULT_SPACES_PER_GATE * this.gates.length) : 0);
    this.rented = p?.rented ?? Math.round(this.spaces * DEFAULT_RENTED_SHARE);
  }

  /** Events with from < moment ≤ to, in time order. */
  between(from: number, to: number): RevenueItemInput[] {
    const out: Planned[] = [];
    // a day's events end before its second midnight (sessions and stays under 24 h): start a day early
    const first = this.dayNumber(from) - 1;
    const last = this.dayNumber(to);
    for (let dn = first; dn <= last; dn++) for (const p of this.day(dn)) if (p.ts > from && p.ts <= to) out.push(p);
    // keep the recent days only (the live ticks ask for the last seconds)
    for (const dn of this.cache.keys()) if (dn < last - 3) this.cache.delete(dn);
    out.sort((a, b) => a.ts - b.ts);
    return out.map((p) => p.item);
  }

  /** The local calendar day of `t` (the zone's offset remembered per hour: Intl is slow). */
  dayNumber(t: number): number {
    const hour = Math.floor(t / HOUR);
    let off = this.offsets.get(hour);
    if (off === undefined) {
      if (this.offsets.size > 2_000) this.offsets.clear();
      this.offsets.set(hour, (off = zoneOffsetMs(hour * HOUR, this.zone)));
    }
    return Math.floor((t + off) / DAY);
  }

  /** Local midnight starting day `dn`. */
  midnight(dn: number): number {
    let m = this.midnights.get(dn);
    if (m === undefined) {
      const guess = dn * DAY - zoneOffsetMs(dn * DAY, this.zone);
      m = dn * DAY - zoneOffsetMs(guess, this.zone);
      this.midnights.set(dn, m);
    }
    return m;
  }

  private rand(what: string, dn: number): Rand {
    return seeded(mix(mix(this.seed, hashString(`${this.compoundId}:rev:${what}`)), dn));
  }

  private day(dn: number): Planned[] {
    let p = this.cache.get(dn);
    if (!p) {
      p = [];
      this.charging(dn, p);
      this.parking(dn, p);
      this.rents(dn, p);
      this.ads(dn, p);
      this.cache.set(dn, p);
    }
    return p;
  }

  private weekend(dn: number): boolean {
    const dow = (((dn + 4) % 7) + 7) % 7;
    return dow === 0 || dow === 6;
  }

  private key(dn: number): string {
    return new Date(dn * DAY).toISOString().slice(0, 10).replace(/-/g, '');
  }

  /** Per port: an evening session most days (start 17:00–02:00, peak ~20:00, 2–8 h), sometimes a daytime one (10:30–13:00, 2–4 h). */
  private charging(dn: number, out: Planned[]): void {
    const m = this.midnight(dn);
    const k = this.key(dn);
    const evening = this.weekend(dn) ? 0.5 : 0.58;
    for (const c of this.chargers) {
      const r = this.rand(`cs:${c.id}`, dn);
      for (let port = 1; port <= this.ports; port++) {
        const sessions: [number, number, string][] = [];
        if (r() < 0.16) sessions.push([10.5 + 2.5 * r(), 2 + 2 * r(), 'd']);
        if (r() < evening) sessions.push([clamp(20 + 1.6 * normal(r), 17, 26), 2 + 6 * r() ** 1.4, 'e']);
        for (const [h, hours, tag] of sessions) {
          const start = m + Math.round(h * 60) * MIN;
          const end = start + Math.round(hours * 60) * MIN;
          // an e-bike battery takes 0.4–1.4 kWh, at ~0.25 kW
          const kwh = round(Math.min(0.4 + r(), 0.25 * hours), 3);
          const fee = round(Math.max(MIN_CHARGE_FEE, kwh * CHARGE_PRICE_PER_KWH), 2);
          out.push({ ts: end, item: { kind: 'charge_session', id: `cs-${c.id}-p${port}-${k}-${tag}`, deviceId: c.id, port, start, end, kwh, fee } });
        }
      }
    }
  }

  /** Renters' cars, their exits and entries of day `dn` (null: the car stays home that day). */
  private car(i: number, dn: number): { exit: number; entry: number; gate: Device } | null {
    const r = this.rand(`car:${i}`, dn);
    if (r() >= (this.weekend(dn) ? 0.45 : 0.75)) return null;
    const m = this.midnight(dn);
    const exit = m + Math.round((6.5 + 2.5 * r() + (this.weekend(dn) ? 2 : 0)) * 60) * MIN;
    const entry = m + Math.round((17 + 4 * r() ** 0.8) * 60) * MIN;
    return { exit, entry, gate: this.gates[Math.floor(r() * this.gates.length)] };
  }

  /** Spaces occupied at `t`: renters home at night, away by day; visitors by day and evening; shared use by day. */
  occupied(t: number): number {
    const h = (t - this.midnight(this.dayNumber(t))) / HOUR;
    const weekend = this.weekend(this.dayNumber(t));
    const away = weekend ? 0.4 : 0.65;
    const home = 0.97 - away * (ramp(h, 6.5, 9.5) - ramp(h, 17, 21));
    const shared = this.sharedCount(this.dayNumber(t)) * (ramp(h, 8, 10) - ramp(h, 17, 19));
    const visitors = (this.spaces - this.rented) * (0.12 + 0.3 * Math.exp(-((h - 14) ** 2) / 18) + 0.15 * Math.exp(-((h - 20) ** 2) / 4));
    return clamp(Math.round(this.rented * home + shared + visitors), 0, this.spaces);
  }

  private sharedCount(dn: number): number {
    return Math.round(this.rented * (this.weekend(dn) ? 0.03 : 0.06));
  }

  /** Renters out in the morning, back in the evening; visitors paying by the hour; shared parking by day. */
  private parking(dn: number, out: Planned[]): void {
    if (!this.gates.length) return;
    const k = this.key(dn);
    const m = this.midnight(dn);
    const pass = (
      id: string,
      gate: Device,
      at: number,
      direction: 'entry' | 'exit',
      vehicle: 'temporary' | 'rented' | 'shared',
      minutes?: number,
      fee?: number,
    ) =>
      out.push({
        ts: at,
        item: {
          kind: 'parking_pass',
          id,
          deviceId: gate.id,
          at,
          direction,
          vehicle,
          ...(minutes === undefined ? {} : { minutes }),
          ...(fee === undefined ? {} : { fee }),
          occupied: this.occupied(at),
        },
      });
    for (let i = 0; i < this.rented; i++) {
      const today = this.car(i, dn);
      if (!today) continue;
      // parked since its last evening back (looked up to a week back; unknown beyond)
      let since: number | undefined;
      for (let back = 1; back <= 7 && since === undefined; back++) since = this.car(i, dn - back)?.entry;
      const minutes = since === undefined ? undefined : Math.round((today.exit - since) / MIN);
      pass(`pp-${k}-r${i}-out`, today.gate, today.exit, 'exit', 'rented', minutes);
      pass(`pp-${k}-r${i}-in`, today.gate, today.entry, 'entry', 'rented');
    }
    const r = this.rand('visitors', dn);
    const visitors = Math.round((this.spaces - this.rented) * 0.5 * (this.weekend(dn) ? 1.3 : 1) * (0.85 + 0.3 * r()));
    for (let i = 0; i < visitors; i++) {
      const gate = this.gates[Math.floor(r() * this.gates.length)];
      const h = r() < 0.7 ? clamp(14 + 3 * normal(r), 7, 22) : clamp(19.5 + 1.2 * normal(r), 16, 23);
      const entry = m + Math.round(h * 60) * MIN;
      // most stay 20 min – 4 h; one in ten overnight
      const minutes = Math.round(r() < 0.1 ? 480 + 360 * r() : 20 * Math.exp(2.5 * r()));
      pass(`pp-${k}-t${i}-in`, gate, entry, 'entry', 'temporary');
      pass(`pp-${k}-t${i}-out`, gate, entry + minutes * MIN, 'exit', 'temporary', minutes, temporaryFee(minutes));
    }
    const shared = this.sharedCount(dn);
    for (let i = 0; i < shared; i++) {
      const gate = this.gates[Math.floor(r() * this.gates.length)];
      const entry = m + Math.round((8 + 2 * r()) * 60) * MIN;
      const minutes = Math.round((7 + 3 * r()) * 60);
      pass(`pp-${k}-s${i}-in`, gate, entry, 'entry', 'shared');
      pass(`pp-${k}-s${i}-out`, gate, entry + minutes * MIN, 'exit', 'shared', minutes, sharedFee(minutes));
    }
  }

  /** Rents of rented spaces in the first three days of a month: most monthly, some a quarter or a year at once. */
  private rents(dn: number, out: Planned[]): void {
    const date = new Date(dn * DAY);
    const dom = date.getUTCDate();
    if (dom > 3 || !this.rented) return;
    const month = date.getUTCFullYear() * 12 + date.getUTCMonth();
    const ym = date.toISOString().slice(0, 7).replace('-', '');
    const m = this.midnight(dn);
    for (let s = 0; s < this.rented; s++) {
      const h = mix(this.seed, hashString(`${this.compoundId}:space:${s}`));
      const months = [1, 1, 1, 1, 1, 1, 1, 3, 3, 12][h % 10];
      if ((month + s) % months !== 0 || 1 + ((h >>> 8) % 3) !== dom) continue;
      const at = m + (9 * 60 + ((h >>> 12) % 540)) * MIN;
      const fee = round(SPACE_RENT_PER_MONTH * months * (months === 12 ? 0.9 : 1), 2);
      out.push({ ts: at, item: { kind: 'space_rent', id: `sr-${ym}-s${s}`, at, spaces: 1, months, fee } });
    }
  }

  /** Every screen, sold gate panel and barrier reports its plays at the end of each hour from 07:00 to 23:00. */
  private ads(dn: number, out: Planned[]): void {
    const m = this.midnight(dn);
    const k = this.key(dn);
    for (const d of this.adDevices) {
      const slots = AD_SLOTS[d.type];
      const slot = slots[hashString(d.id) % slots.length];
      const r = this.rand(`ad:${d.id}`, dn);
      for (let h = AD_FIRST_HOUR; h < AD_LAST_HOUR; h++) {
        const at = m + (h + 1) * HOUR;
        const plays = Math.max(1, Math.round(slot.perHour * (0.8 + 0.4 * r())));
        out.push({ ts: at, item: { kind: 'ad_play', id: `ad-${d.id}-${k}-${h}`, deviceId: d.id, at, slot: slot.slot, plays, price: slot.price } });
      }
    }
  }
}

/** Days of revenue history written on a backfill at least (a month on the operations page, whatever backfillDays says). */
export const REVENUE_HISTORY_DAYS = 35;

/** Plays every owned compound's RevenuePlan through RevenueService: a history once, then the events as time passes. */
export class RevenueSim {
  private readonly plans = new Map<string, { plan: RevenuePlan; devices: readonly Device[] }>();
  /** Per compound: events up to this moment are sent. */
  private readonly last = new Map<string, number>();
  sent = 0;

  constructor(
    private readonly twins: Twins,
    private readonly revenue: RevenueService,
    private readonly seed: number,
    private readonly log: (m: string) => void,
  ) {}

  /** The compound's plan (a new one when its devices changed: an import). */
  plan(compoundId: string): RevenuePlan | null {
    const doc = this.twins.get(compoundId)?.entry.doc;
    if (!doc) return null;
    let p = this.plans.get(compoundId);
    if (!p || p.devices !== doc.devices) this.plans.set(compoundId, (p = { plan: new RevenuePlan(compoundId, doc, this.seed), devices: doc.devices }));
    return p.plan;
  }

  /** `days` of history up to `now` for each owned compound without revenue events; then the hourly aggregate is refreshed. */
  async backfill(days: number, now: number): Promise<number> {
    let total = 0;
    const span = Math.min(days, Math.floor(this.revenue.window.maxAgeMs / DAY) - 1);
    for (const twin of this.twins.owned()) {
      const id = twin.entry.doc.id;
      if (await this.revenue.hasEvents(id)) continue;
      const t0 = Date.now();
      const items = this.plan(id)?.between(now - span * DAY, now) ?? [];
      const r = await this.revenue.ingestItems(id, items, now);
      if (r.rejected.length) this.log(`[simulator] revenue history of ${id}: ${r.rejected.length} items rejected, first: ${r.rejected[0].reason}`);
      this.last.set(id, now);
      total += r.accepted;
      this.log(`[simulator] backfilled ${r.accepted} revenue events over ${span} days for ${id} in ${Date.now() - t0} ms`);
    }
    if (total) await this.revenue.refresh();
    return total;
  }

  /** Live play starts at `now` for compounds not started yet. */
  startAt(now: number): void {
    for (const twin of this.twins.owned()) if (!this.last.has(twin.entry.doc.id)) this.last.set(twin.entry.doc.id, now);
  }

  /** Sends each owned compound's events since its last pass; a compound whose send fails is sent again next pass. */
  async play(now: number): Promise<void> {
    for (const twin of this.twins.owned()) {
      const id = twin.entry.doc.id;
      const from = this.last.get(id) ?? now;
      if (now <= from) {
        this.last.set(id, from);
        continue;
      }
      const items = this.plan(id)?.between(from, now) ?? [];
      if (items.length) this.sent += (await this.revenue.ingestItems(id, items, now)).accepted;
      this.last.set(id, now);
    }
  }
}
