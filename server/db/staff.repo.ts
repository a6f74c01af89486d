import type { StaffMember, StaffTrade, Team } from '../../models';
import type { Queryable } from './db';

// Staff and teams (migration 11): whom a compound's work orders go to. Every query names the compound.

export const STAFF_SCHEMA = [
  `create table if not exists teams (
     id serial primary key,
     compound_id text not null,
     name text not null,
     name_en text,
     active boolean not null default true,
     created_at timestamptz not null default now())`,
  `create index if not exists teams_compound_idx on teams(compound_id)`,
  `create table if not exists staff (
     id serial primary key,
     compound_id text not null,
     name text not null,
     name_en text,
     trade text not null,
     team_id int references teams(id),
     phone text,
     active boolean not null default true,
     created_at timestamptz not null default now())`,
  `create index if not exists staff_compound_idx on staff(compound_id)`,
  // A work order's assignee: one staff member or one team of its compound; `assignee` keeps the name shown
  // (and, on older rows, the free text typed then).
  `alter table work_orders add column if not exists assignee_staff_id int references staff(id)`,
  `alter table work_orders add column if not exists assignee_team_id int references teams(id)`,
];

type Row = Record<string, unknown>;
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

const toTeam = (r: Row): Team => ({
  id: Number(r.id),
  compoundId: String(r.compound_id),
  name: String(r.name),
  nameEn: strOrNull(r.name_en),
  active: Boolean(r.active),
});
const toStaff = (r: Row): StaffMember => ({
  id: Number(r.id),
  compoundId: String(r.compound_id),
  name: String(r.name),
  nameEn: strOrNull(r.name_en),
  trade: r.trade as StaffTrade,
  teamId: r.team_id === null || r.team_id === undefined ? null : Number(r.team_id),
  phone: strOrNull(r.phone),
  active: Boolean(r.active),
});

export async function listTeams(q: Queryable, compoundId: string, includeInactive = false): Promise<Team[]> {
  const r = await q.query<Row>(`select * from teams where compound_id = $1${includeInactive ? '' : ' and active'} order by id`, [compoundId]);
  return r.rows.map(toTeam);
}

export async function listStaff(q: Queryable, compoundId: string, includeInactive = false): Promise<StaffMember[]> {
  const r = await q.query<Row>(`select * from staff where compound_id = $1${includeInactive ? '' : ' and active'} order by team_id nulls last, id`, [
    compoundId,
  ]);
  return r.rows.map(toStaff);
}

/** One team; with `compoundId`, only when it belongs to that compound. */
export async function getTeam(q: Queryable, id: number, compoundId?: string): Promise<Team | null> {
  const r = await q.query<Row>(`select * from teams where id = $1${compoundId ? ' and compound_id = $2' : ''}`, compoundId ? [id, compoundId] : [id]);
  return r.rows[0] ? toTeam(r.rows[0]) : null;
}

/** One staff member; with `compoundId`, only when they belong to that compound. */
export async function getStaff(q: Queryable, id: number, compoundId?: string): Promise<StaffMember | null> {
  const r = await q.query<Row>(`select * from staff where id = $1${compoundId ? ' and compound_id = $2' : ''}`, compoundId ? [id, compoundId] : [id]);
  return r.rows[0] ? toStaff(r.rows[0]) : null;
}

export async function insertTeam(q: Queryable, t: { compoundId: string; name: string; nameEn?: string | null }): Promise<Team> {
  const r = await q.query<Row>(`insert into teams (compound_id, name, name_en) values ($1, $2, $3) returning *`, [t.compoundId, t.name, t.nameEn ?? null]);
  return toTeam(r.rows[0]);
}

export async function insertStaff(
  q: Queryable,
  s: { compoundId: string; name: string; nameEn?: string | null; trade: StaffTrade; teamId?: number | null; phone?: string | null },
): Promise<StaffMember> {
  const r = await q.query<Row>(`insert into staff (compound_id, name, name_en, trade, team_id, phone) values ($1, $2, $3, $4, $5, $6) returning *`, [
    s.compoundId,
    s.name,
    s.nameEn ?? null,
    s.trade,
    s.teamId ?? null,
    s.phone ?? null,
  ]);
  return toStaff(r.rows[0]);
}

const TEAM_COLS = { name: 'name', nameEn: 'name_en', active: 'active' } as const;
const STAFF_COLS = { name: 'name', nameEn: 'name_en', trade: 'trade', teamId: 'team_id', phone: 'phone', active: 'active' } as const;

async function update<T>(
  q: Queryable,
  table: 'teams' | 'staff',
  cols: Record<string, string>,
  id: number,
  compoundId: string,
  patch: Record<string, unknown>,
  to: (r: Row) => T,
): Promise<T | null> {
  const sets: string[] = [];
  const params: unknown[] = [id, compoundId];
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || !(k in cols)) continue;
    params.push(v);
    sets.push(`${cols[k]} = $${params.length}`);
  }
  const sql = sets.length
    ? `update ${table} set ${sets.join(', ')} where id = $1 and compound_id = $2 returning *`
    : `select * from ${table} where id = $1 and compound_id = $2`;
  const r = await q.query<Row>(sql, params);
  return r.rows[0] ? to(r.rows[0]) : null;
}

export const updateTeam = (q: Queryable, id: number, compoundId: string, patch: Partial<Record<keyof typeof TEAM_COLS, unknown>>) =>
  update(q, 'teams', TEAM_COLS, id, compoundId, patch, toTeam);
export const updateStaff = (q: Queryable, id: number, compoundId: string, patch: Partial<Record<keyof typeof STAFF_COLS, unknown>>) =>
  update(q, 'staff', STAFF_COLS, id, compoundId, patch, toStaff);

/** The compound of a staff row or team (what an admin write needs first), or undefined when there is none. */
export async function compoundOfRow(q: Queryable, table: 'teams' | 'staff', id: number): Promise<string | undefined> {
  const r = await q.query<{ compound_id: string }>(`select compound_id from ${table} where id = $1`, [id]);
  return r.rows[0]?.compound_id;
}

/** Demo staff: two teams and their people per compound, only where the compound has no team yet. */
const DEMO_TEAMS: { name: string; nameEn: string; staff: { name: string; nameEn: string; trade: StaffTrade; phone: string }[] }[] = [
  {
    name: '工程维修班',
    nameEn: 'Maintenance crew',
    staff: [
      { name: '王建国', nameEn: 'Wang Jianguo', trade: 'electrician', phone: '13871234501' },
      { name: '李师傅', nameEn: 'Li (plumber)', trade: 'plumber', phone: '13871234502' },
      { name: '周伟', nameEn: 'Zhou Wei', trade: 'hvac', phone: '13871234503' },
    ],
  },
  {
    name: '秩序维护队',
    nameEn: 'Security patrol',
    staff: [
      { name: '陈刚', nameEn: 'Chen Gang', trade: 'security', phone: '13871234504' },
      { name: '赵磊', nameEn: 'Zhao Lei', trade: 'security', phone: '13871234505' },
    ],
  },
  {
    name: '客服管家组',
    nameEn: 'Property service desk',
    staff: [
      { name: '刘芳', nameEn: 'Liu Fang', trade: 'property', phone: '13871234506' },
      { name: '孙丽', nameEn: 'Sun Li', trade: 'cleaning', phone: '13871234507' },
    ],
  },
];

export async function seedDemoStaff(q: Queryable, compoundId: string): Promise<boolean> {
  const has = await q.query('select 1 from teams where compound_id = $1 limit 1', [compoundId]);
  if (has.rows.length) return false;
  for (const t of DEMO_TEAMS) {
    const team = await insertTeam(q, { compoundId, name: t.name, nameEn: t.nameEn });
    for (const s of t.staff) await insertStaff(q, { compoundId, ...s, teamId: team.id });
  }
  return true;
}
