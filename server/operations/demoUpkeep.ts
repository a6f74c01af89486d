import { PRIORITIES, WORK_ORDER_SLA_MIN, type Compound, type DeviceType, type Priority } from '../../models';
import type { Db } from '../db/db';
import { mulberry32 } from '../tools/prng';
import { hashString } from '../simulator/seeded';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Who wrote these rows: the demo's upkeep history (written once per compound). */
export const DEMO_HISTORY_USER = 'demo-history';

/** What breaks in a retrofitted compound, per device type: failures a month per 100 devices, and the job's labour and parts (yuan). */
const FAULTS: Partial<Record<DeviceType, { perMonthPer100: number; title: string; labour: [number, number]; parts: [number, number] }>> = {
  camera: { perMonthPer100: 9, title: '摄像机离线/画面异常', labour: [120, 260], parts: [0, 650] },
  access_gate: { perMonthPer100: 14, title: '门禁无法刷脸开门', labour: [150, 300], parts: [0, 900] },
  ebike_charger: { perMonthPer100: 10, title: '充电口不通电', labour: [80, 200], parts: [40, 380] },
  smoke_detector: { perMonthPer100: 0.9, title: '烟感低电量/误报', labour: [40, 90], parts: [25, 60] },
  electronic_fence: { perMonthPer100: 8, title: '围栏线路误报', labour: [160, 320], parts: [0, 500] },
  info_screen: { perMonthPer100: 6, title: '信息屏黑屏', labour: [100, 220], parts: [0, 1200] },
  hydrant_pressure: { perMonthPer100: 4, title: '水压计读数异常', labour: [120, 200], parts: [0, 420] },
  broadcast_speaker: { perMonthPer100: 5, title: '广播无声', labour: [90, 180], parts: [0, 300] },
  parking_gate: { perMonthPer100: 25, title: '道闸抬杆故障', labour: [200, 380], parts: [0, 1500] },
};
/** Residents' requests about the building itself (no device): lights, pipes, doors. */
const RESIDENT_JOBS = ['楼道灯不亮', '楼道水管漏水', '单元门闭门器损坏', '雨水管堵塞', '楼梯扶手松动', '电梯按钮失灵'];

const between = (rng: () => number, [a, b]: [number, number]) => Math.round((a + rng() * (b - a)) / 10) * 10;

/**
 * The demo's upkeep history: `days` days of repair work orders on its devices (created, dispatched, resolved with
 * labour and parts, closed) and residents' requests rated afterwards, so that the operations page has failures,
 * repair times and costs from the first start. Deterministic per compound and day; written once (skipped when the
 * compound already has demo history). Returns the number of orders written.
 */
export async function seedDemoUpkeep(db: Db, doc: Compound, now: number, days = 35): Promise<number> {
  const had = await db.query(`select 1 from work_orders where compound_id = $1 and created_by = $2 limit 1`, [doc.id, DEMO_HISTORY_USER]);
  if (had.rows.length) return 0;
  const rng = mulberry32(hashString(`${doc.id}:upkeep`));
  const orders: { deviceId: string | null; buildingId: string | null; title: string; created: number; labour: number; parts: number; resident: boolean }[] = [];
  const byType = new Map<DeviceType, string[]>();
  for (const d of doc.devices) byType.set(d.type, [...(byType.get(d.type) ?? []), d.id]);
  const start = now - days * DAY;
  for (const [type, f] of Object.entries(FAULTS) as [DeviceType, NonNullable<(typeof FAULTS)[DeviceType]>][]) {
    const ids = byType.get(type) ?? [];
    const expected = (ids.length * f.perMonthPer100 * days) / (100 * 30);
    // whole failures plus the remainder by chance
    const count = Math.floor(expected) + (rng() < expected % 1 ? 1 : 0);
    for (let i = 0; i < count; i++) {
      const created = start + rng() * (days * DAY - 3 * DAY);
      orders.push({
        deviceId: ids[Math.floor(rng() * ids.length)],
        buildingId: null,
        title: f.title,
        created,
        labour: between(rng, f.labour),
        parts: between(rng, f.parts),
        resident: false,
      });
    }
  }
  const residential = doc.buildings.filter((b) => b.units.length);
  const residentJobs = Math.round(days / 3);
  for (let i = 0; i < residentJobs && residential.length; i++) {
    const b = residential[Math.floor(rng() * residential.length)];
    const created = start + rng() * (days * DAY - 3 * DAY);
    orders.push({
      deviceId: null,
      buildingId: b.id,
      title: `${RESIDENT_JOBS[i % RESIDENT_JOBS.length]}(${b.number}栋)`,
      created,
      labour: between(rng, [60, 200]),
      parts: between(rng, [0, 240]),
      resident: true,
    });
  }
  orders.sort((a, b) => a.created - b.created);
  await db.transaction(async (q) => {
    for (const o of orders) {
      const priority: Priority = o.resident ? 'normal' : PRIORITIES[1 + Math.floor(rng() * 2)];
      const sla = WORK_ORDER_SLA_MIN[priority];
      const responded = o.created + (10 + rng() * 80) * 60_000;
      const resolved = responded + (1 + rng() * (priority === 'high' ? 20 : 40)) * HOUR;
      const closed = resolved + (1 + rng() * 10) * HOUR;
      const rating = o.resident ? (rng() < 0.8 ? 5 - Math.floor(rng() * 2) : 3) : null;
      const ins = await q.query<{ id: number }>(
        `insert into work_orders (compound_id, title, description, category, priority, status, device_id, building_id, created_by, created_at,
                                  assigned_at, started_at, responded_at, resolved_at, closed_at, sla_response_min, sla_resolve_min,
                                  labour_cost, parts_cost, source, resident_rating, rated_at)
         values ($1, $2, '', 'repair', $3, 'closed', $4, $5, $6, to_timestamp($7 / 1000.0), to_timestamp($8 / 1000.0), to_timestamp($8 / 1000.0),
                 to_timestamp($8 / 1000.0), to_timestamp($9 / 1000.0), to_timestamp($10 / 1000.0), $11, $12, $13, $14, $15, $16,
                 case when $16::int is null then null else to_timestamp($10 / 1000.0) end) returning id`,
        [
          doc.id,
          o.title,
          priority,
          o.deviceId,
          o.buildingId,
          DEMO_HISTORY_USER,
          o.created,
          responded,
          resolved,
          closed,
          sla.response,
          sla.resolve,
          o.labour,
          o.parts,
          o.resident ? 'resident' : 'alarm',
          rating,
        ],
      );
      const id = Number(ins.rows[0].id);
      const steps: [number, string | null, string][] = [
        [o.created, null, 'open'],
        [responded, 'open', 'in_progress'],
        [resolved, 'in_progress', 'resolved'],
        [closed, 'resolved', 'closed'],
      ];
      for (const [at, from, to] of steps)
        await q.query(
          `insert into work_order_events (work_order_id, at, action, by_user, from_status, to_status) values ($1, to_timestamp($2 / 1000.0), $3, $4, $5, $6)`,
          [id, at, from === null ? 'created' : 'transition', DEMO_HISTORY_USER, from, to],
        );
    }
  });
  return orders.length;
}
