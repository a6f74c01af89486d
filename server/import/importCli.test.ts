import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCompoundFiles } from '../compounds/compoundFiles';
import { runImportCli } from './importCli';

const FIXTURE = fileURLToPath(new URL('./fixtures/osm-guanggu-garden.geojson', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ct-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runImportCli(args, { cwd: dir, root: dir, out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run import', () => {
  it('when a GeoJSON file is imported, then a compound file the server loads is written under data/compounds and the report is printed', () => {
    copyFileSync(FIXTURE, join(dir, 'osm.geojson'));
    const r = run(['osm.geojson', '--id', 'guanggu-garden', '--name', '光谷花园', '--city', '武汉', '--households-per-floor', '3']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/9 buildings \(7 residential\), 1 courtyard hole/);
    expect(r.out).toMatch(/feature 7: outer ring: ring intersects itself/);
    const [loaded] = loadCompoundFiles(join(dir, 'data/compounds'));
    expect(loaded.doc.id).toBe('guanggu-garden');
    expect(loaded.doc.buildings[0].units[0].floors[0].households).toBe(3);
  });

  it('when the file exists, then it is kept unless --force is given', () => {
    const again = run(['osm.geojson', '--id', 'guanggu-garden', '--name', '光谷花园']);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/exists; pass --force/);
    expect(run(['osm.geojson', '--id', 'guanggu-garden', '--name', '光谷花园', '--force', '--json']).code).toBe(0);
  });

  it('when another compound file already uses the id or the device ids, then nothing is written', () => {
    const r = run(['osm.geojson', '--id', 'guanggu-garden', '--name', 'x', '--out', 'data/compounds/other.json']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/already defines compound "guanggu-garden"/);
    const d = run(['osm.geojson', '--id', 'gg2', '--name', 'x', '--device-prefix', 'guanggu-garden-', '--out', 'data/compounds/gg2.json']);
    expect(d.err).toMatch(/is also a device of/);
    expect(() => readFileSync(join(dir, 'data/compounds/gg2.json'))).toThrow();
  });

  it('when the profile flags, newline-delimited GeoJSON and a context file are given, then the report prints profile, CRS, rules, uses and context', () => {
    const prof = (n: string) => fileURLToPath(new URL(`./fixtures/profiles/${n}`, import.meta.url));
    const nd = run([prof('msft-optics-valley.geojsonl'), '--id', 'ms', '--name', 'x', '--out', 'ms.json', '--context', prof('osm-optics-valley.geojson')]);
    expect(nd.err).toBe('');
    expect(nd.out).toMatch(/profile: msft \(15 of 15 features carry confidence, height; context file: osm/);
    expect(nd.out).toMatch(/uses: 15 unknown/);
    expect(nd.out).toMatch(/context: 5 roads, 1 water, 1 green, 2 land use, 0 neighbours/);
    const generic = run([prof('generic-optics-valley.geojson'), '--id', 'g', '--name', 'x', '--out', 'g.json']);
    expect(generic.code).toBe(1);
    expect(generic.err).toMatch(/--all-polygons/);
    const mapped = run([
      prof('generic-optics-valley.geojson'),
      '--id',
      'g',
      '--name',
      'x',
      '--out',
      'g.json',
      '--all-polygons',
      '--levels-field',
      'storeys',
      '--use-field',
      'func',
      '--crs',
      'wgs84',
    ]);
    expect(mapped.out).toMatch(/profile: generic .*crs: wgs84 \(option\)/);
    expect(mapped.out).toMatch(/polygon → building: 11 taken, 0 skipped/);
  });

  it('when arguments are missing or unknown, then it prints the usage and exits 2', () => {
    expect(run(['osm.geojson', '--id', 'x']).err).toMatch(/--id and --name are required/);
    const bad = run(['osm.geojson', '--id', 'x', '--name', 'y', '--levels', '3']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/usage: npm run import/);
    expect(run(['osm.geojson', '--id', 'x', '--name', 'y', '--crs', 'bd09', '--out', 'x.json']).err).toMatch(/crs/);
  });
});
