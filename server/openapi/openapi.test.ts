import { compileErrors, validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { declaredOperations, operationKey, toOpenApiPath } from './describeRoute';
import { servedRoutes } from './routeTable';

let srv: TestServer;
let doc: any;
let auth: Record<string, string>;

beforeAll(async () => {
  srv = await startTestServer();
  auth = (await srv.login('evaluator')).headers;
  doc = await (await fetch(`${srv.url}/api/openapi.json`, { headers: auth })).json();
});
afterAll(async () => srv?.close());

describe('the OpenAPI document', () => {
  it("when the real app's router is walked, then every /api route is documented (add a describeRoute() next to the route otherwise)", () => {
    const documented = new Set(
      Object.entries(doc.paths as Record<string, object>).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`)),
    );
    const missing = servedRoutes(srv.app.express, '/api').filter((r) => !documented.has(operationKey(r.method, toOpenApiPath(r.path))));
    const hint = missing
      .map((r) => `  ${r.method.toUpperCase()} ${r.path}  →  describeRoute('${r.method}', '${r.path}', { summary: '…', tags: ['…'], responses: { 200: '…' } })`)
      .join('\n');
    expect(
      missing,
      `routes served but not in /api/openapi.json — declare them with describeRoute (server/openapi/describeRoute.ts) in their routes file:\n${hint}\n`,
    ).toEqual([]);
  });

  it('when the document lists an operation, then the app really serves it (no stale declarations)', () => {
    const served = new Set(servedRoutes(srv.app.express, '/api').map((r) => operationKey(r.method, r.path)));
    const stale = declaredOperations().filter((o) => !served.has(operationKey(o.method, o.path)));
    expect(
      stale.map((o) => operationKey(o.method, o.path)),
      'declared with describeRoute but not served: remove or fix the declaration',
    ).toEqual([]);
  });

  it('when the document is checked against the OpenAPI 3.1 specification, then it is valid', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(doc));
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    const ids = Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap((item) =>
      Object.values(item).map((op) => op.operationId),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('when schemas come from the shared model, then they carry its constraints', () => {
    const building = doc.components.schemas.Compound.properties.buildings.items;
    expect(building.properties.floors).toMatchObject({ type: 'integer', minimum: 1, maximum: 200 });
    expect(building.properties.holes.type).toBe('array');
    const ingest = doc.paths['/api/v1/ingest'].post;
    expect(ingest.security).toEqual([{ apiKey: [] }]);
    const importOp = doc.paths['/api/v1/admin/compounds/import'].post;
    expect(importOp.parameters.map((p: any) => p.name)).toEqual(expect.arrayContaining(['id', 'name', 'crs', 'defaultLevels', 'replace', 'dryRun']));
    expect(importOp.parameters.find((p: any) => p.name === 'id').required).toBe(true);
    expect(importOp.parameters.find((p: any) => p.name === 'crs').required).toBe(false);
    expect(importOp.responses['201'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ImportOutcome' });
  });
});

describe('GET /api/docs', () => {
  it('when the docs page is opened signed in, then one self-contained page lists every operation with no script or outside resource', async () => {
    expect((await fetch(`${srv.url}/api/docs`)).status).toBe(401);
    expect((await fetch(`${srv.url}/api/openapi.json`)).status).toBe(401);
    const res = await fetch(`${srv.url}/api/docs`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\//i);
    for (const [path, item] of Object.entries(doc.paths as Record<string, object>)) {
      for (const m of Object.keys(item)) expect(html).toContain(`<span class="m ${m}">${m.toUpperCase()}</span> <code>${path}</code>`);
    }
    expect(html).toMatch(/operations · machine-readable/);
  });
});
