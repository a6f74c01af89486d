import { ShapeUtils, Vector2 } from 'three';
import type { Building, Compound } from '../../models/compound';
import type { Point2 } from '../../models/geo';
import type { CoverageGap } from '../../models/rubric';
import { ccw, footprintAxis, unitFootprint } from '../scene/footprintAxis';

/** A tinted block of the coverage-gap layer: a footprint (building, unit slice) between two heights (model metres). */
export interface GapPrism {
  key: string;
  buildingId: string;
  ring: Point2[];
  z0: number;
  z1: number;
}

/** Metres the tint stands proud of the walls, so it never fights them for depth. */
const PROUD = 0.35;

function grow(ring: readonly Point2[], by: number): Point2[] {
  const cx = ring.reduce((s, p) => s + p[0], 0) / ring.length;
  const cy = ring.reduce((s, p) => s + p[1], 0) / ring.length;
  const r = Math.max(1, ...ring.map((p) => Math.hypot(p[0] - cx, p[1] - cy)));
  const k = 1 + by / r;
  return ring.map((p) => [cx + (p[0] - cx) * k, cy + (p[1] - cy) * k] as Point2);
}

/** Radius (m) of the post that marks a place on the grounds, by kind, and its height. */
const MARK_RADIUS = { unit_entrance: 1.5, gate: 4, lane: 2.5 } as const;
const MARK_HEIGHT = 3;

function hexagon([x, y]: readonly [number, number], r: number): Point2[] {
  return Array.from({ length: 6 }, (_, i) => [x + r * Math.cos((i * Math.PI) / 3), y + r * Math.sin((i * Math.PI) / 3)] as Point2);
}

/**
 * The places a rating found short of a required device, as blocks to tint: a whole building, a
 * unit's slice of it, or one floor of a unit; places on the grounds (a gate, a lane point, an entrance door no
 * camera sees) as a short hexagonal post on the spot. A building-wide gap swallows its units' gaps; repeats collapse.
 */
export function gapPrisms(c: Pick<Compound, 'buildings'>, gaps: readonly CoverageGap[]): GapPrism[] {
  const byId = new Map<string, Building>(c.buildings.map((b) => [b.id, b]));
  const whole = new Set(gaps.filter((g) => !g.unitId && g.floor === undefined).map((g) => g.buildingId));
  const out = new Map<string, GapPrism>();
  for (const g of gaps) {
    // a place on the grounds (gate, lane point, entrance door) no camera sees: a short post on the spot
    if (g.at && g.place) {
      const key = `at|${g.place}|${g.at[0]}|${g.at[1]}`;
      if (!out.has(key)) out.set(key, { key, buildingId: g.buildingId, ring: hexagon(g.at, MARK_RADIUS[g.place]), z0: 0.05, z1: MARK_HEIGHT });
    }
    const b = byId.get(g.buildingId);
    if (!b) continue;
    const partial = g.unitId !== undefined || g.floor !== undefined;
    if (partial && whole.has(b.id)) continue;
    const key = `${b.id}|${g.unitId ?? ''}|${g.floor ?? ''}`;
    if (out.has(key)) continue;
    const ring = ccw(b.footprint);
    const unit = g.unitId ? b.units.find((u) => u.id === g.unitId) : undefined;
    const shape = unit ? unitFootprint(ring, footprintAxis(ring), unit.span) : ring;
    if (shape.length < 3) continue;
    const base = b.baseHeight ?? 0;
    const [z0, z1] = g.floor !== undefined ? [base + (g.floor - 1) * b.floorHeight, base + g.floor * b.floorHeight] : [base, base + b.floors * b.floorHeight];
    out.set(key, { key, buildingId: b.id, ring: grow(shape, PROUD), z0: Math.max(0, z0 - 0.05), z1: z1 + PROUD });
  }
  return [...out.values()];
}

/** Triangles (three coordinates: x, z, −y) for the prisms' walls and caps, and their outline edges. */
export function prismArrays(prisms: readonly GapPrism[]): { position: Float32Array; index: Uint32Array; edges: Float32Array } {
  const pos: number[] = [];
  const idx: number[] = [];
  const edges: number[] = [];
  const v = (x: number, y: number, z: number) => {
    pos.push(x, z, -y);
    return pos.length / 3 - 1;
  };
  for (const p of prisms) {
    const n = p.ring.length;
    const bottom = p.ring.map(([x, y]) => v(x, y, p.z0));
    const top = p.ring.map(([x, y]) => v(x, y, p.z1));
    for (let i = 0; i < n; i++) {
      const j = (i + 1) % n;
      idx.push(bottom[i], bottom[j], top[j], bottom[i], top[j], top[i]);
      const [ax, ay] = p.ring[i];
      const [bx, by] = p.ring[j];
      edges.push(ax, p.z1, -ay, bx, p.z1, -by, ax, p.z0, -ay, bx, p.z0, -by, ax, p.z0, -ay, ax, p.z1, -ay);
    }
    const tris = ShapeUtils.triangulateShape(
      p.ring.map(([x, y]) => new Vector2(x, y)),
      [],
    );
    for (const [a, b, c] of tris) {
      idx.push(top[a], top[b], top[c]);
      idx.push(bottom[c], bottom[b], bottom[a]);
    }
  }
  return { position: new Float32Array(pos), index: new Uint32Array(idx), edges: new Float32Array(edges) };
}
