import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CompoundFileError, parseCompound } from './compoundFiles';

// Property tests for compound files: hostile texts and mutated documents never throw anything but a
// CompoundFileError, never get accepted when certainly invalid, and never touch Object.prototype.

const BASE = {
  schemaVersion: 1,
  id: 'prop-test',
  name: '测试小区',
  nameEn: 'Prop test',
  province: '湖北省',
  city: '武汉市',
  district: '洪山区',
  builtYear: 2000,
  residents: 10,
  origin: { lat: 30.5, lon: 114.3 },
  redLine: [
    [0, 0],
    [100, 0],
    [100, 100],
    [0, 100],
  ],
  roads: [
    {
      id: 'r1',
      name: '主路',
      polygon: [
        [0, 0],
        [10, 0],
        [10, 5],
      ],
      kind: 'lane',
    },
  ],
  greens: [
    {
      id: 'g1',
      polygon: [
        [50, 50],
        [60, 50],
        [60, 60],
      ],
    },
  ],
  buildings: [
    {
      id: 'b1',
      number: '1',
      use: 'residential',
      footprint: [
        [10, 10],
        [30, 10],
        [30, 20],
        [10, 20],
      ],
      floors: 6,
      floorHeight: 3,
      units: [{ id: 'b1-u1', number: 1, span: [0, 1], entrance: [20, 10], residents: 10, floors: [{ level: 1, households: 2, occupied: 2, elderlyAlone: 1 }] }],
    },
  ],
  devices: [
    {
      id: 'p-b1-smoke',
      type: 'smoke_detector',
      name: '1栋 烟感',
      placement: { kind: 'building', buildingId: 'b1', unitId: 'b1-u1', floor: 1, at: [20, 15, 2] },
      metrics: ['smoke'],
      installedAt: '2024-01-01',
      intervalS: 300,
    },
  ],
};
/** Keys whose removal leaves a valid document. */
const OPTIONAL = new Set(['district', 'name', 'unitId', 'floor']);
const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

type Path = (string | number)[];
function paths(v: unknown, at: Path = [], out: { leaves: Path[]; objects: Path[] } = { leaves: [], objects: [] }) {
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') {
    out.objects.push(at);
    for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  } else out.leaves.push(at);
  return out;
}
const ALL = paths(BASE);
const clone = (): any => structuredClone(BASE);
const parentOf = (doc: any, p: Path) => p.slice(0, -1).reduce((o, k) => o[k], doc);
const at = (doc: any, p: Path) => p.reduce((o, k) => o[k], doc);

/** A document change that must make the file invalid. */
const certainlyInvalid = fc.oneof(
  // a leaf of another JSON type (strings, numbers, booleans are never interchangeable here)
  fc
    .tuple(fc.constantFrom(...ALL.leaves), fc.constantFrom<unknown>('1', 1, true, null, {}, [], [[[]]]))
    .filter(([p, v]) => typeof v !== typeof at(BASE, p) || v === null || typeof v === 'object')
    .map(
      ([p, v]) =>
        (doc: any) =>
          void (parentOf(doc, p)[p.at(-1)!] = v),
    ),
  // an extra key on any object (every object in the format is strict)
  fc.tuple(fc.constantFrom(...ALL.objects), fc.string({ minLength: 1, maxLength: 10 })).map(([p, k]) => (doc: any) => {
    const o = p.length ? at(doc, p) : doc;
    if (!Object.hasOwn(o, k)) Object.defineProperty(o, k, { value: 1, enumerable: true, writable: true, configurable: true });
    else o[k] = { nested: o[k] };
  }),
  // a required key removed
  fc
    .constantFrom(...ALL.leaves.filter((p) => typeof p.at(-1) === 'string' && !OPTIONAL.has(p.at(-1) as string)))
    .map((p) => (doc: any) => void delete parentOf(doc, p)[p.at(-1)!]),
  // prototype-polluting keys anywhere
  fc.tuple(fc.constantFrom(...ALL.objects), fc.constantFrom('__proto__', 'constructor', 'prototype')).map(([p, k]) => (doc: any) => {
    Object.defineProperty(p.length ? at(doc, p) : doc, k, {
      value: { polluted: 'yes', prototype: { polluted: 'yes' } },
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }),
  // out-of-range counts and broken references
  fc.constantFrom(
    (doc: any) => void (doc.buildings[0].floors = 0),
    (doc: any) => void (doc.buildings[0].units[0].floors[0].occupied = 3),
    (doc: any) => void (doc.devices[0].placement.buildingId = 'b404'),
    (doc: any) => void doc.devices.push(doc.devices[0]),
    (doc: any) =>
      void (doc.redLine = [
        [0, 0],
        [1, 1],
        [2, 2],
      ]),
    (doc: any) => void (doc.origin.lat = 1e308),
    (doc: any) => void (doc.id = 'Ｂad id'),
  ),
);

/** A change that may or may not be valid: only soundness is checked. */
const anyChange = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...ALL.leaves),
      fc.oneof(fc.double(), fc.constantFrom(1e308, -1e308, -0, 2 ** 53 + 1, 5e-324), fc.string({ unit: 'binary', maxLength: 80 })),
    )
    .map(
      ([p, v]) =>
        (doc: any) =>
          void (parentOf(doc, p)[p.at(-1)!] = v),
    ),
  fc.constantFrom(...ALL.leaves.filter((p) => OPTIONAL.has(p.at(-1) as string))).map((p) => (doc: any) => void delete parentOf(doc, p)[p.at(-1)!]),
);

function parse(text: string) {
  try {
    return { ok: true as const, doc: parseCompound(text, 'prop.json').doc };
  } catch (err) {
    expect(err).toBeInstanceOf(CompoundFileError);
    expect((err as Error).message).toMatch(/prop\.json/);
    return { ok: false as const };
  }
}

/** What an accepted document must satisfy, checked independently of the schema. */
function checkAccepted(doc: any) {
  const text = JSON.stringify(doc);
  expect(text).not.toMatch(/"(__proto__|constructor|prototype)":/);
  for (const p of paths(doc).leaves) {
    const v = at(doc, p);
    if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
  }
  const buildings = new Set(doc.buildings.map((b: any) => b.id));
  for (const d of doc.devices) if (d.placement.kind === 'building') expect(buildings.has(d.placement.buildingId)).toBe(true);
  expect(doc.id).toMatch(/^[a-z0-9][a-z0-9_-]{0,63}$/);
}

afterEach(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_KEYS);
});

describe('parseCompound with hostile files (property)', () => {
  it('when the untouched base document is parsed, then it is valid (the properties below start from it)', () => {
    expect(parse(JSON.stringify(BASE)).ok).toBe(true);
  });

  it('when a document is changed in a way that breaks the format, then it is always rejected with the file named', () => {
    fc.assert(
      fc.property(fc.array(certainlyInvalid, { minLength: 1, maxLength: 3 }), (changes) => {
        const doc = clone();
        changes[0](doc);
        // A later change may aim at a place an earlier one replaced (e.g. a point of a red line that is
        // gone): such a change no longer applies and is skipped; the first always applies to the base.
        for (const c of changes.slice(1)) {
          try {
            c(doc);
          } catch (err) {
            if (!(err instanceof TypeError)) throw err;
          }
        }
        expect(parse(JSON.stringify(doc)).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('when numbers, strings and optional keys change at random, then it never throws and whatever it accepts is sound', () => {
    fc.assert(
      fc.property(fc.array(anyChange, { minLength: 1, maxLength: 4 }), (changes) => {
        const doc = clone();
        for (const c of changes) c(doc);
        const r = parse(JSON.stringify(doc));
        if (r.ok) checkAccepted(r.doc);
      }),
      { numRuns: 500 },
    );
  });

  it('when the text is arbitrary JSON, arbitrary text or very deep, then it is rejected with a CompoundFileError', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.json(),
          fc.string({ unit: 'binary' }),
          fc.integer({ min: 1, max: 200_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
        ),
        (text) => {
          expect(parse(text).ok).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
