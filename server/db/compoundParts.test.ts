import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStressCompound } from '../tools/stressCompound';
import { listCompoundDocs, upsertCompound } from './compounds.repo';
import type { Db } from './db';
import { openDb } from './openDb';

describe('compound documents stored in parts', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openDb({});
  });
  afterAll(async () => {
    await db.close();
  });

  it('when a large compound is stored, then it is written in parts and read back exactly, and replacing it leaves no old part behind', async () => {
    const big = makeStressCompound({ buildings: 200, devices: 20_000, id: 'parts-big' });
    expect(await upsertCompound(db, big, 'h1')).toBe(true);
    const parts = await db.query<{ n: number; longest: number }>(
      'select count(*)::int as n, max(length(body))::int as longest from compound_doc_parts where compound_id = $1',
      ['parts-big'],
    );
    expect(parts.rows[0].n).toBeGreaterThan(2);
    expect(parts.rows[0].longest).toBeLessThanOrEqual(1_000_000);
    const devices = await db.query<{ n: number }>('select count(*)::int as n from devices where compound_id = $1', ['parts-big']);
    expect(devices.rows[0].n).toBe(20_000);
    expect((await listCompoundDocs(db)).find((d) => (d as { id: string }).id === 'parts-big')).toEqual(big);
    // The same hash is not written again; a smaller replacement drops the old parts and devices.
    expect(await upsertCompound(db, big, 'h1')).toBe(false);
    const small = makeStressCompound({ buildings: 3, devices: 30, id: 'parts-big' });
    expect(await upsertCompound(db, small, 'h2')).toBe(true);
    expect((await listCompoundDocs(db)).find((d) => (d as { id: string }).id === 'parts-big')).toEqual(small);
    expect((await db.query<{ n: number }>('select count(*)::int as n from compound_doc_parts where compound_id = $1', ['parts-big'])).rows[0].n).toBe(1);
  });

  it('when a row was written before parts existed, then its whole doc is still read', async () => {
    const old = makeStressCompound({ buildings: 2, devices: 10, id: 'parts-old' });
    await db.query(`insert into compounds (id, name, doc, doc_hash) values ($1, $2, $3::jsonb, 'old')`, [old.id, old.name, JSON.stringify(old)]);
    expect((await listCompoundDocs(db)).find((d) => (d as { id: string }).id === 'parts-old')).toEqual(old);
  });
});
