import type { TestServer } from '../testing/startTestServer';
import type { OperationsSummary } from '../../models';
import { refreshAggregates } from '../db/readings.repo';
import { seedDemoUpkeep } from '../operations/demoUpkeep';
import { percentile, report } from './report';

const DAY = 86_400_000;

/**
 * `GET /compounds/:id/operations` over 30 days of a busy compound: every charger's sessions (evening and night),
 * both gates' passes with occupancy, hourly ad plays on every screen, monthly rents, and 35 days of upkeep history.
 * The income comes from the hourly revenue aggregate, utilisation from the hourly busy minutes the sessions' trigger keeps.
 */
export async function operationsBench(srv: TestServer, runs: number): Promise<void> {
  const id = 'yaguang-xincun';
  const doc = srv.app.twins.get(id)!.entry.doc;
  const now = Date.now();
  const from = now - 31 * DAY;
  const chargers = doc.devices.filter((d) => d.type === 'ebike_charger').map((d) => d.id);
  const gates = doc.devices.filter((d) => d.type === 'parking_gate').map((d) => d.id);
  const screens = doc.devices.filter((d) => d.type === 'info_screen').map((d) => d.id);
  const t0 = performance.now();
  // 3 sessions a charger a day (~4,300), 200 passes a gate a day (~12,400), one ad report a screen an hour (~25,300)
  await srv.db.query(
    `insert into revenue_events (ts, compound_id, device_id, kind, stream, event_id, amount, kwh, start_ts, port, minutes)
     select s + interval '3 hours', $1, d, 'charge_session', 'charging', 'bench-c-' || d || '-' || extract(epoch from s)::bigint, 2.4, 2.1, s, 1, 180
       from unnest($2::text[]) d, generate_series(to_timestamp($3 / 1000.0), to_timestamp($4 / 1000.0), interval '8 hours') s`,
    [id, chargers, from, now],
  );
  await srv.db.query(
    `insert into revenue_events (ts, compound_id, device_id, kind, stream, event_id, amount, direction, vehicle, minutes, occupied)
     select s, $1, d, 'parking_pass', 'parking', 'bench-p-' || d || '-' || extract(epoch from s)::bigint,
            case when extract(minute from s)::int % 2 = 0 then 6 else 0 end, case when extract(minute from s)::int % 2 = 0 then 'exit' else 'entry' end,
            'temporary', 90, 60 + (extract(hour from s)::int * 3) % 80
       from unnest($2::text[]) d, generate_series(to_timestamp($3 / 1000.0), to_timestamp($4 / 1000.0), interval '433 seconds') s`,
    [id, gates, from, now],
  );
  await srv.db.query(
    `insert into revenue_events (ts, compound_id, device_id, kind, stream, event_id, amount, slot, plays)
     select s, $1, d, 'ad_play', 'advertising', 'bench-a-' || d || '-' || extract(epoch from s)::bigint, 1.2, 'slot-' || (extract(hour from s)::int % 4), 12
       from unnest($2::text[]) d, generate_series(to_timestamp($3 / 1000.0), to_timestamp($4 / 1000.0), interval '1 hour') s`,
    [id, screens, from, now],
  );
  const rows = Number((await srv.db.query<{ n: number }>(`select count(*)::int as n from revenue_events where compound_id = $1`, [id])).rows[0].n);
  const orders = await seedDemoUpkeep(srv.db, doc, now);
  await refreshAggregates(srv.db);
  const loadS = (performance.now() - t0) / 1000;
  const url = `${srv.url}/api/v1/compounds/${id}/operations`;
  const times: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const t = performance.now();
    const res = await fetch(url, { headers: (await srv.login('admin')).headers });
    const body = (await res.json()) as OperationsSummary;
    if (res.status !== 200 || !(body.totals.incomeTotal > 0) || body.days !== 30) throw new Error(`operations bench: unexpected answer ${res.status}`);
    if (i >= 2) times.push(performance.now() - t);
  }
  report('operations_query_30d_ms', percentile(times, 50), 'ms', {
    p95: percentile(times, 95),
    revenueRows: rows,
    workOrders: orders,
    loadS: Math.round(loadS * 10) / 10,
    note: 'embedded database; income from revenue_hourly, utilisation from charger_busy (kept by a trigger), upkeep from work orders, fees from fee_bills',
  });
}
