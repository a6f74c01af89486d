import type { Alarm, AlarmRule, Device } from '../../models';
import type { Db, Queryable } from '../db/db';
import { isolated } from '../live/isolated';
import { hourlySumsVsBaseline } from '../db/energy.repo';
import type { Twins } from '../live/twins';
import { alarmKey } from '../live/twins';
import type { AlarmsService } from './alarms.service';
import { isHouseholdDevice } from '../security/householdMask';

type ThresholdRule = Extract<AlarmRule, { kind: 'threshold' }>;
type EventRule = Extract<AlarmRule, { kind: 'event' }>;
type InactivityRule = Extract<AlarmRule, { kind: 'inactivity' }>;
type OfflineRule = Extract<AlarmRule, { kind: 'offline' }>;
type AnomalyRule = Extract<AlarmRule, { kind: 'energy_anomaly' }>;
type CameraEventRule = Extract<AlarmRule, { kind: 'camera_event' }>;

const HOUR = 3_600_000;

function holds(r: ThresholdRule, v: number): boolean {
  switch (r.op) {
    case 'lt':
      return v < r.value;
    case 'lte':
      return v <= r.value;
    case 'gt':
      return v > r.value;
    case 'gte':
      return v >= r.value;
  }
}

/** Evaluates the rules against new readings and, on a timer, against silence and hourly baselines. */
export class AlarmEngine {
  private readonly onMetric = new Map<string, (ThresholdRule | EventRule | InactivityRule)[]>();
  private readonly offline = new Map<string, OfflineRule>();
  private readonly inactivity: InactivityRule[] = [];
  private readonly anomaly: AnomalyRule[] = [];
  /** camera event kind → its rules. */
  private readonly cameraEvents = new Map<string, CameraEventRule[]>();
  /** device|rule → ts the threshold condition started holding. */
  private readonly pendingSince = new Map<string, number>();
  /** device|rule → last value seen, for durations that mature between readings. */
  private readonly lastValue = new Map<string, number>();
  /** device|metric → last ts with a positive value (inactivity rules). */
  private readonly lastPositive = new Map<string, number>();
  private readonly checkedHours = new Set<string>();
  private readonly startedAt = Date.now();
  /** Cluster mode: when this process took each compound over (silence is measured from then, as from start-up alone). */
  private readonly adoptedAt = new Map<string, number>();

  constructor(
    readonly rules: AlarmRule[],
    private readonly alarms: AlarmsService,
    private readonly twins: Twins,
    private readonly db: Db,
    private readonly log: (m: string) => void = () => undefined,
  ) {
    for (const r of rules) {
      if (r.kind === 'offline') this.offline.set(r.deviceType, r);
      else if (r.kind === 'energy_anomaly') this.anomaly.push(r);
      else if (r.kind === 'camera_event') this.cameraEvents.set(r.event, [...(this.cameraEvents.get(r.event) ?? []), r]);
      else {
        if (r.kind === 'inactivity') this.inactivity.push(r);
        const k = r.deviceType + '|' + r.metric;
        const list = this.onMetric.get(k) ?? [];
        list.push(r);
        this.onMetric.set(k, list);
      }
    }
  }

  /** Feeds one newly stored reading; returns the alarm work it started (awaited by ingest so ack means "evaluated"). */
  onReading(device: Device, metric: string, t: number, value: number, out: Promise<unknown>[]): void {
    const twin = this.twins.ofDevice(device.id);
    if (twin) {
      const off = this.offline.get(device.type);
      // Back online only on a reading recent enough to end the silence (the sweep's own test): a gateway
      // forwarding old readings after an outage does not clear, and the sweep re-raise, the alarm over and over.
      if (off && twin.activeByKey.has(alarmKey(device.id, off.id)) && Date.now() - t <= off.missedIntervals * device.intervalS * 1000) {
        out.push(this.alarms.returned(device.id, off.id, t));
      }
    }
    const rules = this.onMetric.get(device.type + '|' + metric);
    if (!rules) return;
    for (const r of rules) {
      if (!this.applies(r, device)) continue;
      const key = alarmKey(device.id, r.id);
      const active = twin?.activeByKey.has(key) ?? false;
      // in alarm with the condition still there (a latched alarm whose condition returned may hold again)
      const holding = twin !== undefined && this.alarms.conditionActive(twin, device.id, r.id);
      if (r.kind === 'event') {
        if (value === r.equals) out.push(this.alarms.raise(device, r, value, t));
        else if (active) out.push(this.alarms.returned(device.id, r.id, t));
      } else if (r.kind === 'inactivity') {
        if (value > 0) {
          const k = device.id + '|' + metric;
          if ((this.lastPositive.get(k) ?? 0) < t) this.lastPositive.set(k, t);
          if (active) out.push(this.alarms.returned(device.id, r.id, t));
        }
      } else if (holds(r, value)) {
        this.lastValue.set(key, value);
        const since = this.pendingSince.get(key) ?? t;
        this.pendingSince.set(key, Math.min(since, t));
        if (!holding && t - since >= r.durationS * 1000) out.push(this.alarms.raise(device, r, value, t));
      } else {
        this.pendingSince.delete(key);
        this.lastValue.delete(key);
        if (active) out.push(this.alarms.returned(device.id, r.id, t));
      }
    }
  }

  /**
   * A camera's AI event (server/cameraEvents), on the compound's owner: raises (or repeats) the alarm of each
   * camera_event rule of its kind; `attach` links the event (and its snapshot) to the alarm in the raise's transaction.
   */
  onCameraEvent(
    device: Device,
    kind: string,
    at: number,
    confidence: number | null,
    attach: (a: Alarm, q: Queryable) => Promise<Alarm>,
  ): Promise<Alarm | null>[] {
    const out: Promise<Alarm | null>[] = [];
    for (const r of this.cameraEvents.get(kind) ?? [])
      if (r.deviceType === device.type && this.applies(r, device)) out.push(this.alarms.raise(device, r, confidence, at, attach));
    return out;
  }

  /** Cluster mode: this process no longer acts for the compound; what it remembered of it would be stale on a retake. */
  forget(compoundId: string): void {
    const twin = this.twins.get(compoundId);
    if (!twin) return;
    for (const map of [this.pendingSince, this.lastValue, this.lastPositive])
      for (const k of [...map.keys()]) if (twin.entry.devices.has(k.slice(0, k.indexOf('|')))) map.delete(k);
    this.adoptedAt.delete(compoundId);
  }

  /**
   * Cluster mode: this process took the compound over. The last activity of each device watched for inactivity
   * comes from the stored readings (what the previous owner saw); durations of thresholds start again with the
   * next reading (an alarm with a duration can come up to that duration later, never twice: the database keeps
   * one active alarm per device and rule).
   */
  async adopt(compoundId: string, now = Date.now()): Promise<void> {
    this.forget(compoundId);
    this.adoptedAt.set(compoundId, now);
    const twin = this.twins.get(compoundId);
    if (!twin) return;
    for (const r of this.inactivity) {
      const ids = twin.entry.doc.devices.filter((d) => d.type === r.deviceType && this.applies(r, d)).map((d) => d.id);
      if (!ids.length) continue;
      const rows = await this.db.query<{ device_id: string; t: number }>(
        `select device_id, (extract(epoch from max(ts)) * 1000)::float8 as t from readings
          where device_id = any($1) and metric = $2 and value > 0 and ts > now() - make_interval(hours => $3) group by 1`,
        [ids, r.metric, Math.ceil(r.hours * 2)],
      );
      for (const row of rows.rows) this.lastPositive.set(row.device_id + '|' + r.metric, Number(row.t));
    }
  }

  /** `appliesTo: aggregate` rules skip devices of one household (a flat's meter at zero power is no power cut). */
  private applies(r: AlarmRule, d: Device): boolean {
    if (r.appliesTo === 'all') return true;
    // asked for every reading of an aggregate rule's type (ingest's hot path): the name test runs once per device
    let household = this.household.get(d);
    if (household === undefined) this.household.set(d, (household = isHouseholdDevice(d)));
    return !household;
  }
  private readonly household = new WeakMap<Device, boolean>();

  /** Silence-based rules: offline devices, inactivity, and thresholds that matured with no newer reading. */
  async sweep(now: number): Promise<void> {
    const work: Promise<unknown>[] = [];
    for (const twin of this.twins.owned()) {
      for (const [id, st] of twin.live.states) {
        const d = twin.entry.devices.get(id)!;
        const off = this.offline.get(d.type);
        if (
          off &&
          this.applies(off, d) &&
          st.lastSeen !== null &&
          now - st.lastSeen > off.missedIntervals * d.intervalS * 1000 &&
          !twin.activeByKey.has(alarmKey(id, off.id))
        ) {
          work.push(this.alarms.raise(d, off, null, now));
        }
      }
      for (const r of this.inactivity) {
        for (const d of twin.entry.doc.devices) {
          if (d.type !== r.deviceType || !this.applies(r, d)) continue;
          // Until a device has shown activity since start-up (or takeover), silence is measured from then.
          const seen = this.lastPositive.get(d.id + '|' + r.metric) ?? this.adoptedAt.get(twin.entry.doc.id) ?? this.startedAt;
          if (now - seen > r.hours * HOUR && !twin.activeByKey.has(alarmKey(d.id, r.id))) work.push(this.alarms.raise(d, r, 0, now));
        }
      }
    }
    for (const [key, since] of this.pendingSince) {
      const [deviceId, ruleId] = key.split('|');
      const twin = this.twins.ofDevice(deviceId);
      const rule = this.rules.find((r) => r.id === ruleId) as ThresholdRule | undefined;
      if (!twin || !rule || !this.twins.isOwned(twin.entry.doc.id) || this.alarms.conditionActive(twin, deviceId, ruleId)) continue;
      if (now - since >= rule.durationS * 1000) work.push(this.alarms.raise(twin.entry.devices.get(deviceId)!, rule, this.lastValue.get(key) ?? null, now));
    }
    await Promise.all(work);
  }

  /** Compares the last complete hour of each metered device against the same hour on previous days. */
  async checkAnomalies(now: number): Promise<number> {
    const hour = Math.floor(now / HOUR) * HOUR - HOUR;
    let raised = 0;
    for (const r of this.anomaly) {
      const tag = r.id + '@' + hour;
      if (this.checkedHours.has(tag)) continue;
      this.checkedHours.add(tag);
      for (const twin of this.twins.owned()) {
        const ids = twin.entry.doc.devices.filter((d) => d.type === r.deviceType && d.metrics.includes(r.metric) && this.applies(r, d)).map((d) => d.id);
        if (!ids.length) continue;
        await isolated(`[anomalies] ${twin.entry.doc.id}`, this.log, async () => {
          const hits = await hourlySumsVsBaseline(this.db, r.metric, ids, hour, r.baselineDays);
          for (const h of hits) {
            if (h.baseline >= r.minBaseline && h.sum > h.baseline * r.factor) {
              await this.alarms.raise(twin.entry.devices.get(h.deviceId)!, r, h.sum, hour + HOUR);
              raised++;
            }
          }
        });
      }
    }
    if (this.checkedHours.size > 1000) this.checkedHours.clear();
    return raised;
  }
}
