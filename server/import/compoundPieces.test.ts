import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hashOfPieces, jsonTexts, toPieces } from './compoundPieces';
import { importGeojson } from './importGeojson';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/osm-guanggu-garden.geojson', import.meta.url), 'utf8')) as unknown;
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('a compound in pieces from the import worker', () => {
  const now = '2026-11-28T00:00:00.000Z';
  it('when hashed from its pieces, then the hash is that of JSON.stringify of the whole (what the compounds table keeps)', () => {
    const { compound } = importGeojson(fixture, { id: 'pieces', name: 'p' }, { now });
    expect(compound.devices.length).toBeGreaterThan(1_000);
    const pieces = toPieces(compound);
    expect(pieces.devices.length).toBeGreaterThan(1);
    expect(hashOfPieces(pieces)).toBe(sha(JSON.stringify(compound)));
    // what the compounds table stores: the same text, without serialising the document again
    expect([...jsonTexts(pieces)].join('')).toBe(JSON.stringify(compound));
  });

  it('when the compound has no devices, then the hash still matches', () => {
    const { compound } = importGeojson(fixture, { id: 'pieces', name: 'p', devices: false }, { now });
    expect(compound.devices).toEqual([]);
    expect(hashOfPieces(toPieces(compound))).toBe(sha(JSON.stringify(compound)));
  });

  it('when the pieces are joined back, then they parse to the same compound', () => {
    const { compound } = importGeojson(fixture, { id: 'pieces', name: 'p' }, { now });
    const p = toPieces(compound);
    const back = {
      ...JSON.parse(p.head),
      buildings: p.buildings.map((b) => JSON.parse(b) as unknown),
      devices: p.devices.flatMap((d) => JSON.parse(d) as unknown[]),
    };
    expect(back).toEqual(compound);
  });
});
