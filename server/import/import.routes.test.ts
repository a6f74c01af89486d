import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { TwinClient } from '../testing/twinClient';
import type { TestAuth } from '../testing/testAuth';

const osm = readFileSync(new URL('./fixtures/osm-guanggu-garden.geojson', import.meta.url), 'utf8');
let srv: TestServer;
let admin: TestAuth;

async function importAs(auth: TestAuth | null, query: string, body = osm, type = 'application/json') {
  const res = await fetch(`${srv.url}/api/v1/admin/compounds/import?${query}`, { method: 'POST', headers: { 'content-type': type, ...auth?.headers }, body });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  srv = await startTestServer();
  admin = await srv.login('admin');
});
afterAll(async () => srv?.close());

describe('POST /api/v1/admin/compounds/import', () => {
  it('when an admin imports an OSM export, then the compound is stored, registered and live at once', async () => {
    const r = await importAs(
      admin,
      `id=guanggu-garden&name=${encodeURIComponent('光谷花园')}&city=${encodeURIComponent('武汉')}&householdsPerFloor=2`,
      osm,
      'application/geo+json',
    );
    expect(r.status).toBe(201);
    expect(r.body.status).toBe('created');
    expect(r.body.compound).toMatchObject({ id: 'guanggu-garden', buildings: 9, units: 17, households: 262 });
    expect(r.body.report.skipped.map((s: any) => s.index)).toEqual([5, 7, 8, 9, 10]);
    expect(r.body.links.console).toBe('/?compound=guanggu-garden');

    const list = await (await fetch(`${srv.url}/api/v1/compounds`, { headers: admin.headers })).json();
    expect(list.map((c: any) => c.id)).toContain('guanggu-garden');
    const doc = await (await fetch(`${srv.url}/api/v1/compounds/guanggu-garden`, { headers: admin.headers })).json();
    expect(doc.buildings.find((b: any) => b.id === 'b4').holes).toHaveLength(1);

    // The live twin: a socket in the room gets the snapshot, then a reading ingested with the demo key.
    const client = await new TwinClient(srv.url, { token: admin.token }).connect();
    try {
      const joined = await client.join('guanggu-garden');
      expect(joined, JSON.stringify(joined)).toMatchObject({ ok: true });
      const snap = await client.waitFor('twin:snapshot');
      expect(snap.devices.length).toBe(r.body.report.devices);
      const deviceId = 'guanggu-garden-b1-u1-f1-smoke';
      const ing = await fetch(`${srv.url}/api/v1/ingest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': srv.key('guanggu-garden') },
        body: JSON.stringify({ readings: [{ deviceId, metric: 'battery_pct', ts: Date.now(), value: 87 }] }),
      });
      expect(await ing.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
      await client.waitFor('reading:batch', (b) => b.readings.some((t: any) => t[0] === deviceId && t[3] === 87));
    } finally {
      client.close();
    }
  });

  it('when the id exists, then it answers 409 unless replace=true', async () => {
    const again = await importAs(admin, 'id=guanggu-garden&name=x');
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/already exists; send replace=true/);
    const replaced = await importAs(admin, 'id=guanggu-garden&name=x&replace=true&defaultLevels=3');
    expect(replaced.status).toBe(200);
    expect(replaced.body.status).toBe('replaced');
    expect(replaced.body.compound.name).toBe('x');
  });

  it('when dryRun=true, then it reports without storing anything', async () => {
    const r = await importAs(admin, 'id=dry-run-only&name=x&dryRun=true');
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('dry-run');
    expect((await fetch(`${srv.url}/api/v1/compounds/dry-run-only`, { headers: admin.headers })).status).toBe(404);
  });

  it('when the query, the GeoJSON or the device ids are wrong, then it says what and where and stores nothing', async () => {
    const noName = await importAs(admin, 'id=x');
    expect(noName.status).toBe(400);
    expect(noName.body.error).toMatch(/query: name/);
    const badCrs = await importAs(admin, 'id=x&name=x&crs=bd09');
    expect(badCrs.body.error).toMatch(/query: crs/);
    const road = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { highway: 'service' },
          geometry: {
            type: 'LineString',
            coordinates: [
              [114, 30],
              [114.001, 30],
            ],
          },
        },
      ],
    });
    const none = await importAs(admin, 'id=x&name=x', road);
    expect(none.status).toBe(422);
    expect(none.body.error).toMatch(/feature 0: not a building \(highway=service/);
    const clash = await importAs(admin, 'id=clash&name=x&devicePrefix=guanggu-garden-');
    expect(clash.status).toBe(409);
    expect(clash.body.error).toMatch(/already a device of compound "guanggu-garden"; pass a different devicePrefix/);
    const notJson = await importAs(admin, 'id=x&name=x', '{"type":');
    expect(notJson.status).toBe(400);
    expect((await fetch(`${srv.url}/api/v1/compounds/x`, { headers: admin.headers })).status).toBe(404);
  });

  it('when the envelope carries edits, then they apply before households are planned; preview=true returns the compound without devices', async () => {
    const tz = readFileSync(new URL('./fixtures/profiles/tilezen-optics-valley.geojson', import.meta.url), 'utf8');
    const plain = await importAs(admin, 'id=tz-preview&name=x&dryRun=true&preview=true', tz);
    expect(plain.status).toBe(200);
    expect(plain.body.report).toMatchObject({ profile: 'tilezen', context: { neighbours: 4 } });
    expect(plain.body.preview.devices).toEqual([]);
    expect(plain.body.report.devices).toBeGreaterThan(0);
    expect(plain.body.preview.buildings).toHaveLength(plain.body.report.buildings);
    expect(plain.body.preview.context.roads.length).toBe(plain.body.report.context.roads);
    const mall = plain.body.preview.buildings.find((b: any) => b.use === 'retail');
    const body = JSON.stringify({ footprints: JSON.parse(tz), edits: { buildings: { [mall.id]: { use: 'residential', name: '改造公寓' } } } });
    const edited = await importAs(admin, 'id=tz-edited&name=x', body);
    expect(edited.status).toBe(201);
    expect(edited.body.report.households).toBeGreaterThan(plain.body.report.households);
    expect(edited.body.preview).toBeUndefined();
    const doc = await (await fetch(`${srv.url}/api/v1/compounds/tz-edited`, { headers: admin.headers })).json();
    expect(doc.buildings.find((b: any) => b.id === mall.id)).toMatchObject({ use: 'residential', name: '改造公寓' });
    expect(doc.context.neighbours).toHaveLength(4);
    expect(doc.source.profile).toBe('tilezen');
  });

  it('when the envelope or its edits are wrong, or no profile fits, then it says what and where with 422 and stores nothing', async () => {
    const tz = JSON.parse(readFileSync(new URL('./fixtures/profiles/tilezen-optics-valley.geojson', import.meta.url), 'utf8'));
    const unknown = await importAs(admin, 'id=tz-bad&name=x', JSON.stringify({ footprints: tz, edits: { buildings: { b404: { use: 'office' } } } }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatch(/edits: unknown building id\(s\) b404/);
    const badUse = await importAs(admin, 'id=tz-bad&name=x', JSON.stringify({ footprints: tz, edits: { buildings: { b1: { use: 'castle' } } } }));
    expect(badUse.status).toBe(422);
    expect(badUse.body.error).toMatch(/envelope: edits\.buildings\.b1\.use/);
    const extra = await importAs(admin, 'id=tz-bad&name=x', JSON.stringify({ footprints: tz, colour: 'red' }));
    expect(extra.body.error).toMatch(/envelope: .*colour/);
    const generic = readFileSync(new URL('./fixtures/profiles/generic-optics-valley.geojson', import.meta.url), 'utf8');
    const refused = await importAs(admin, 'id=tz-bad&name=x', generic);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatch(/no profile recognises.*allPolygons=true/);
    expect((await importAs(admin, 'id=tz-bad&name=x&dryRun=true&allPolygons=true&levelsField=storeys', generic)).status).toBe(200);
    expect((await fetch(`${srv.url}/api/v1/compounds/tz-bad`, { headers: admin.headers })).status).toBe(404);
  });

  it('when someone other than an admin calls it, then it is refused', async () => {
    expect((await importAs(null, 'id=y&name=y')).status).toBe(401);
    expect((await importAs(await srv.login('officer-yaguang'), 'id=y&name=y')).status).toBe(403);
  });

  it('when the server restarts on the same database, then the imported compound is loaded again', async () => {
    const again = await startTestServer({ db: srv.db });
    try {
      const auth = await again.login('admin');
      const doc = await (await fetch(`${again.url}/api/v1/compounds/guanggu-garden`, { headers: auth.headers })).json();
      expect(doc.name).toBe('x');
      expect(doc.buildings).toHaveLength(9);
    } finally {
      await again.app.close();
    }
  });
});
