// Staff and teams: the admin directory, officers reading their own compound's, and work orders assigned
// only to staff of their own compound (real server, real embedded database).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import type { TestRole } from '../testing/testAuth';

const Y = 'yaguang-xincun';
const S = 'sanhe-guanggu';
let srv: TestServer;

async function call(as: TestRole, path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') {
  const res = await fetch(`${srv.url}/api/v1${path}`, {
    method,
    headers: { ...(await srv.login(as)).headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}
/** Everything an assignment could have written. */
async function fingerprint(): Promise<string> {
  const r = await srv.db.query<{ h: string }>(
    `select (select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) from work_orders x) || (select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) from work_order_events x) as h`,
  );
  return r.rows[0].h;
}

beforeAll(async () => {
  srv = await startTestServer({ tickMs: 3_600_000 });
});
afterAll(async () => {
  await srv?.close();
});

describe('the staff directory', () => {
  it('when demo mode starts, then both demo compounds have teams and staff; an officer reads their own with phones masked, an admin in full', async () => {
    const mine = await call('officer-yaguang', `/compounds/${Y}/staff`);
    expect(mine.status).toBe(200);
    expect(mine.body.teams.length).toBeGreaterThanOrEqual(2);
    expect(mine.body.staff.length).toBeGreaterThanOrEqual(5);
    expect(mine.body.staff.every((s: any) => s.compoundId === Y && s.active && mine.body.teams.some((t: any) => t.id === s.teamId))).toBe(true);
    expect(mine.body.staff[0].phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    const full = await call('admin', `/compounds/${Y}/staff`);
    expect(full.body.staff[0].phone).toMatch(/^\d{11}$/);
    const theirs = await call('officer-sanhe', `/compounds/${S}/staff`);
    expect(theirs.body.staff.length).toBeGreaterThanOrEqual(5);
    expect(theirs.body.staff.map((s: any) => s.id)).not.toContain(mine.body.staff[0].id);
    // another compound's staff, the evaluator and a wall are refused; an unknown compound is 403 for officers, 404 for admins
    expect((await call('officer-sanhe', `/compounds/${Y}/staff`)).status).toBe(403);
    expect((await call('evaluator', `/compounds/${Y}/staff`)).status).toBe(403);
    expect((await call('admin', '/compounds/nowhere/staff')).status).toBe(404);
    expect((await call('officer-yaguang', `/compounds/${Y}/staff?inactive=maybe`)).status).toBe(400);
  });

  it('when an admin adds, changes and deactivates staff and teams, then the directory follows, each write is audited, and bad input is a 4xx naming the field', async () => {
    const team = await call('admin', '/admin/teams', { compoundId: Y, name: '绿化组', nameEn: 'Gardening' });
    expect(team.status).toBe(201);
    const person = await call('admin', '/admin/staff', { compoundId: Y, name: '吴师傅', trade: 'general', teamId: team.body.id, phone: '139 0000 1111' });
    expect(person.status).toBe(201);
    expect(person.body).toMatchObject({ compoundId: Y, name: '吴师傅', trade: 'general', teamId: team.body.id, active: true, nameEn: null });
    const renamed = await call('admin', `/admin/staff/${person.body.id}`, { nameEn: 'Wu', trade: 'electrician' }, 'PATCH');
    expect(renamed.body).toMatchObject({ nameEn: 'Wu', trade: 'electrician' });
    const off = await call('admin', `/admin/staff/${person.body.id}`, { active: false }, 'PATCH');
    expect(off.body.active).toBe(false);
    expect((await call('officer-yaguang', `/compounds/${Y}/staff`)).body.staff.map((s: any) => s.id)).not.toContain(person.body.id);
    expect((await call('admin', `/compounds/${Y}/staff?inactive=true`)).body.staff.map((s: any) => s.id)).toContain(person.body.id);
    expect((await call('admin', `/admin/teams/${team.body.id}`, { active: false }, 'PATCH')).body.active).toBe(false);

    await srv.app.security.audit.idle();
    const audit = (await call('admin', '/admin/audit?limit=50')).body.map((e: any) => `${e.action}:${e.target}`);
    for (const a of [
      `team.create:${team.body.id}`,
      `staff.create:${person.body.id}`,
      `staff.update:${person.body.id}`,
      `staff.deactivate:${person.body.id}`,
      `team.deactivate:${team.body.id}`,
    ]) {
      expect(audit).toContain(a);
    }

    const sanheTeam = (await call('admin', `/compounds/${S}/staff`)).body.teams[0];
    const cases: [string, unknown, RegExp, string?][] = [
      ['/admin/staff', { compoundId: Y, name: '', trade: 'general' }, /name/],
      ['/admin/staff', { compoundId: Y, name: 'x', trade: 'astronaut' }, /trade/],
      ['/admin/staff', { compoundId: Y, name: 'x', trade: 'general', phone: 'call me' }, /phone/],
      ['/admin/staff', { compoundId: Y, name: 'x', trade: 'general', teamId: sanheTeam.id }, /teamId: team \d+ is not a team of compound "yaguang-xincun"/],
      ['/admin/staff', { compoundId: 'nowhere', name: 'x', trade: 'general' }, /compoundId: unknown compound/],
      ['/admin/staff', { compoundId: Y, name: 'x', trade: 'general', boss: true }, /boss/],
      ['/admin/teams', { compoundId: Y }, /name/],
      [`/admin/staff/${person.body.id}`, {}, /nothing to change/, 'PATCH'],
      [`/admin/staff/${person.body.id}`, { teamId: sanheTeam.id }, /teamId/, 'PATCH'],
      ['/admin/staff/abc', { active: false }, /staff member/, 'PATCH'],
    ];
    for (const [path, body, msg, method] of cases) {
      const r = await call('admin', path, body, method);
      expect(r.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(r.body.error, `${path} ${JSON.stringify(body)}`).toMatch(msg);
    }
    expect((await call('admin', '/admin/staff/999999', { active: false }, 'PATCH')).status).toBe(404);
    expect((await call('admin', '/admin/teams/999999', { name: 'x' }, 'PATCH')).status).toBe(404);
    // officers may not write the directory
    expect((await call('officer-yaguang', '/admin/staff', { compoundId: Y, name: 'x', trade: 'general' })).status).toBe(403);
  });
});

describe('work-order assignees', () => {
  it("when an order is assigned to staff or a team of its compound, then it shows their name and reference; another compound's staff, an inactive one or free text is a 400 and nothing is written", async () => {
    const dir = (await call('officer-yaguang', `/compounds/${Y}/staff`)).body;
    const electrician = dir.staff.find((s: any) => s.trade === 'electrician');
    const created = await call('officer-yaguang', '/work-orders', {
      compoundId: Y,
      title: '配电箱跳闸',
      category: 'repair',
      priority: 'high',
      assignee: `staff:${electrician.id}`,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'assigned',
      assignee: electrician.name,
      assigneeRef: `staff:${electrician.id}`,
      assigneeNameEn: electrician.nameEn,
    });
    const history = (await call('officer-yaguang', `/work-orders/${created.body.id}`)).body.events.find((e: any) => e.action === 'assignee');
    expect(history.detail).toMatchObject({ from: null, to: electrician.name, toRef: `staff:${electrician.id}` });

    const other = (await call('admin', `/compounds/${S}/staff`)).body;
    const before = await fingerprint();
    const refused: [unknown, RegExp][] = [
      [
        { compoundId: Y, title: 'x', category: 'repair', assignee: `staff:${other.staff[0].id}` },
        /assignee: staff \d+ is not on the staff of compound "yaguang-xincun"/,
      ],
      [{ compoundId: Y, title: 'x', category: 'repair', assignee: `team:${other.teams[0].id}` }, /assignee: team \d+ is not on the staff/],
      [{ compoundId: Y, title: 'x', category: 'repair', assignee: 'staff:99999999' }, /assignee: staff 99999999/],
      [{ compoundId: Y, title: 'x', category: 'repair', assignee: 'staff:9999999999' }, /assignee/],
      [{ compoundId: Y, title: 'x', category: 'repair', assignee: '王师傅' }, /assignee.*"staff:<id>" or "team:<id>"/],
    ];
    for (const [body, msg] of refused) {
      const r = await call('admin', '/work-orders', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error).toMatch(msg);
    }
    const moved = await call('officer-yaguang', `/work-orders/${created.body.id}`, { assignee: `staff:${other.staff[1].id}`, priority: 'urgent' }, 'PATCH');
    expect(moved.status).toBe(400);
    expect((await call('officer-yaguang', `/work-orders/${created.body.id}/start`, { assignee: `team:${other.teams[0].id}` })).status).toBe(400);
    // a deactivated staff member is no longer offered, nor accepted
    const gone = (await call('admin', '/admin/staff', { compoundId: Y, name: '离职员工', trade: 'general' })).body;
    await call('admin', `/admin/staff/${gone.id}`, { active: false }, 'PATCH');
    const inactive = await call('officer-yaguang', '/work-orders', { compoundId: Y, title: 'x', category: 'repair', assignee: `staff:${gone.id}` });
    expect(inactive.body.error).toMatch(/no longer active/);
    expect(await fingerprint()).toBe(before);

    // handed to a team: the reference changes, the name follows; unassigning clears both
    const team = dir.teams[0];
    const handed = await call('officer-yaguang', `/work-orders/${created.body.id}`, { assignee: `team:${team.id}` }, 'PATCH');
    expect(handed.body).toMatchObject({ assignee: team.name, assigneeRef: `team:${team.id}` });
    const back = await call('officer-yaguang', `/work-orders/${created.body.id}`, { assignee: null }, 'PATCH');
    expect(back.body).toMatchObject({ status: 'open', assignee: null, assigneeRef: null });
  });

  it('when an order was assigned by free text before staff existed, then it still reads with its name and no reference', async () => {
    const w = await srv.app.workOrders.create({ compoundId: Y, title: '旧工单', category: 'repair', description: '', assignee: '老王' }, 'officer-yaguang');
    const one = (await call('officer-yaguang', `/work-orders/${w.id}`)).body;
    expect(one).toMatchObject({ status: 'assigned', assignee: '老王', assigneeRef: null, assigneeNameEn: null });
    expect((await call('officer-yaguang', `/work-orders?compoundId=${Y}&assignee=${encodeURIComponent('老王')}`)).body.map((x: any) => x.id)).toEqual([w.id]);
  });
});
