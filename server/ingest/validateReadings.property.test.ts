import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { implausibleValue, METRICS, type Device } from '../../models';
import { validateReadings } from './validateReadings';

// Property tests with hostile batches: whatever arrives, the validator never throws, accounts for
// every item once, accepts exactly the valid ones, and never touches Object.prototype.

const NOW = Date.UTC(2026, 5, 1);
const OPTS = { now: NOW, maxAgeMs: 366 * 86_400_000, maxFutureMs: 5 * 60_000 };
const dev = (id: string, metrics: string[]): Device => ({
  id,
  type: 'electric_meter',
  name: id,
  metrics,
  installedAt: '2024-01-01',
  intervalS: 900,
  placement: { kind: 'ground', at: [0, 0, 0] },
});
const DEVICES = new Map([dev('m1', ['power_kw', 'energy_kwh']), dev('m2', ['power_kw']), dev('s1', ['smoke'])].map((d) => [d.id, d]));
const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

afterEach(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_KEYS);
});

const hostileNumber = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 53 + 1, 8.64e15 + 1, -1),
  fc.double(),
  fc.integer(),
);
const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', '__proto__', 'constructor', 'm1\u0000', 'm１', 'ｍ1', 'm1 ', '2026-06-01T00:00:00Z', '2026-06-01T00:00:00+08:00', 'yesterday'),
);
const anyValue = fc.oneof(
  hostileNumber,
  hostileString,
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.object({ maxDepth: 2 }),
);

/** A value inside the metric's plausible range (models/metrics.ts). */
const plausible = (metric: string) => {
  const { min, max, integer } = METRICS[metric].range;
  return integer ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true });
};

/** A reading that must be accepted. */
const validItem = fc
  .record({
    deviceId: fc.constantFrom('m1', 'm2', 's1'),
    ts: fc.integer({ min: NOW - OPTS.maxAgeMs + 1_000, max: NOW + OPTS.maxFutureMs - 1_000 }),
  })
  .chain((r) => {
    const metric = DEVICES.get(r.deviceId)!.metrics[0];
    return plausible(metric).map((value) => ({ ...r, metric, value }));
  });

/** Items built to break things: wrong types, prototype keys, deep nesting, unicode, extra keys. */
const hostileItem = fc.oneof(
  anyValue,
  fc.record({ deviceId: anyValue, metric: anyValue, ts: anyValue, value: anyValue }, { requiredKeys: [] }),
  validItem.chain((v) => fc.record({ k: fc.constantFrom('deviceId', 'metric', 'ts', 'value'), x: anyValue }).map(({ k, x }) => ({ ...v, [k]: x }))),
  validItem.chain((v) => fc.string({ maxLength: 12 }).map((k) => (k in v ? v : { ...v, [k]: 1 }))),
  validItem.map((v) => JSON.parse(JSON.stringify(v).replace(/^\{/, '{"__proto__":{"polluted":"yes"},'))),
  validItem.map((v) => JSON.parse(JSON.stringify(v).replace(/^\{/, '{"constructor":{"prototype":{"polluted":"yes"}},'))),
  validItem.map((v) => ({ ...v, value: JSON.parse('['.repeat(1000) + ']'.repeat(1000)) })),
  fc.integer({ min: 1, max: 1000 }).map((d) => JSON.parse('{"a":'.repeat(d) + '1' + '}'.repeat(d))),
);

/** Independent oracle for non-string timestamps: exactly the valid shapes. */
function oracleValid(x: unknown): boolean {
  if (!x || typeof x !== 'object' || Array.isArray(x) || Object.getPrototypeOf(x) !== Object.prototype) return false;
  const keys = Object.keys(x).sort();
  if (keys.join() !== 'deviceId,metric,ts,value') return false;
  const r = x as Record<string, unknown>;
  const d = typeof r.deviceId === 'string' ? DEVICES.get(r.deviceId) : undefined;
  if (!d || typeof r.metric !== 'string' || !d.metrics.includes(r.metric)) return false;
  if (typeof r.value !== 'number' || !Number.isFinite(r.value)) return false;
  if (implausibleValue(r.metric, r.value)) return false;
  if (typeof r.ts !== 'number' || !Number.isInteger(r.ts)) return false;
  return r.ts >= NOW - OPTS.maxAgeMs && r.ts <= NOW + OPTS.maxFutureMs;
}

describe('validateReadings with hostile batches (property)', () => {
  it('when any batch arrives, then it never throws, accounts for every item once, and accepts exactly the valid ones', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(validItem, hostileItem), { maxLength: 40 }), (items) => {
        const { cols, rejected, duplicates } = validateReadings(items, DEVICES, OPTS);
        expect(cols.ts.length + rejected.length + duplicates).toBe(items.length);
        expect(new Set(rejected.map((r) => r.index)).size).toBe(rejected.length);
        for (const r of rejected) expect(typeof r.reason === 'string' && r.reason.length > 0 && r.reason.length < 500).toBe(true);
        // Everything accepted is valid by the independent check, whatever its source looked like.
        for (let i = 0; i < cols.ts.length; i++) {
          const d = DEVICES.get(cols.deviceIds[i]);
          expect(d && d.metrics.includes(cols.metrics[i])).toBe(true);
          expect(Number.isFinite(cols.values[i]) && Number.isInteger(cols.ts[i])).toBe(true);
          expect(cols.ts[i] >= NOW - OPTS.maxAgeMs && cols.ts[i] <= NOW + OPTS.maxFutureMs).toBe(true);
        }
        // Items with numeric timestamps: accepted (or a repeat) exactly when the oracle says valid.
        const bad = new Set(rejected.map((r) => r.index));
        items.forEach((x, i) => {
          const numericTs = !(x && typeof x === 'object' && typeof (x as { ts?: unknown }).ts === 'string');
          if (numericTs) expect(!bad.has(i), `item ${i}`).toBe(oracleValid(x));
        });
      }),
      { numRuns: 400 },
    );
  });

  it('when an item nests 100,000 levels deep, then it is rejected without exhausting the stack', () => {
    const deep = JSON.parse('{"deviceId":"m1","metric":"power_kw","ts":' + NOW + ',"value":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}');
    const r = validateReadings([deep, JSON.parse('['.repeat(100_000) + ']'.repeat(100_000))], DEVICES, OPTS);
    expect(r.rejected.map((x) => x.index)).toEqual([0, 1]);
    expect(r.rejected[0].reason).toMatch(/nesting deeper than 64/);
  });

  it('when a batch repeats readings, then each (device, metric, ts) is accepted once and the rest count as duplicates', () => {
    fc.assert(
      fc.property(fc.array(validItem, { minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 4 }), (items, times) => {
        const batch = Array.from({ length: times }, () => items).flat();
        const { cols, rejected, duplicates } = validateReadings(batch, DEVICES, OPTS);
        const distinct = new Set(items.map((r) => `${r.deviceId}|${r.metric}|${r.ts}`)).size;
        expect(rejected).toEqual([]);
        expect(cols.ts.length).toBe(distinct);
        expect(duplicates).toBe(batch.length - distinct);
      }),
      { numRuns: 200 },
    );
  });
});
