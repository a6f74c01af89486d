// A small procedural model of a 1990s six-storey residential block (多层住宅) after a smart retrofit:
// cream walls, floor bands, windows, south balconies, north stairwells with entrance canopies and the
// pitched roof such retrofits add (平改坡). glTF axes: x east (along the block), y up, z south.

/** One mesh of the model: a single material colour (linear RGB) and flat-shaded triangles. */
export interface ModelPart {
  name: string;
  color: [number, number, number];
  positions: number[];
  normals: number[];
  indices: number[];
  /** Node translation (the roof is built around y = 0 and lifted by its node). */
  translation?: [number, number, number];
}

export interface BlockOptions {
  /** Length along x, depth along z, metres. */
  length: number;
  depth: number;
  floors: number;
  floorHeight: number;
  units: number;
}

type V3 = [number, number, number];

function part(name: string, color: V3): ModelPart {
  return { name, color, positions: [], normals: [], indices: [] };
}

/** A flat quad with the given outward normal; corners are re-ordered so the front face is counter-clockwise. */
function quad(p: ModelPart, a: V3, b: V3, c: V3, d: V3, n: V3): void {
  const e1 = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
  const e2 = [c[0] - a[0], c[1] - a[1], c[2] - a[2]];
  const cross = [e1[1] * e2[2] - e1[2] * e2[1], e1[2] * e2[0] - e1[0] * e2[2], e1[0] * e2[1] - e1[1] * e2[0]];
  const pts = cross[0] * n[0] + cross[1] * n[1] + cross[2] * n[2] >= 0 ? [a, b, c, d] : [a, d, c, b];
  const base = p.positions.length / 3;
  for (const q of pts) {
    p.positions.push(...q);
    p.normals.push(...n);
  }
  p.indices.push(base, base + 1, base + 2, base, base + 2, base + 3);
}

function tri(p: ModelPart, a: V3, b: V3, c: V3, n: V3): void {
  const base = p.positions.length / 3;
  const e1 = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
  const e2 = [c[0] - a[0], c[1] - a[1], c[2] - a[2]];
  const dot = (e1[1] * e2[2] - e1[2] * e2[1]) * n[0] + (e1[2] * e2[0] - e1[0] * e2[2]) * n[1] + (e1[0] * e2[1] - e1[1] * e2[0]) * n[2];
  for (const q of dot >= 0 ? [a, b, c] : [a, c, b]) {
    p.positions.push(...q);
    p.normals.push(...n);
  }
  p.indices.push(base, base + 1, base + 2);
}

/** An axis-aligned box, all six faces. */
function box(p: ModelPart, x0: number, x1: number, y0: number, y1: number, z0: number, z1: number): void {
  quad(p, [x1, y0, z0], [x1, y1, z0], [x1, y1, z1], [x1, y0, z1], [1, 0, 0]);
  quad(p, [x0, y0, z0], [x0, y1, z0], [x0, y1, z1], [x0, y0, z1], [-1, 0, 0]);
  quad(p, [x0, y1, z0], [x1, y1, z0], [x1, y1, z1], [x0, y1, z1], [0, 1, 0]);
  quad(p, [x0, y0, z0], [x1, y0, z0], [x1, y0, z1], [x0, y0, z1], [0, -1, 0]);
  quad(p, [x0, y0, z1], [x1, y0, z1], [x1, y1, z1], [x0, y1, z1], [0, 0, 1]);
  quad(p, [x0, y0, z0], [x1, y0, z0], [x1, y1, z0], [x0, y1, z0], [0, 0, -1]);
}

/** A window pane just proud of the wall at z = zWall facing +z (side 1) or −z (side −1). */
function paneZ(p: ModelPart, cx: number, w: number, y0: number, h: number, zWall: number, side: 1 | -1): void {
  const z = zWall + side * 0.04;
  quad(p, [cx - w / 2, y0, z], [cx + w / 2, y0, z], [cx + w / 2, y0 + h, z], [cx - w / 2, y0 + h, z], [0, 0, side]);
}

function paneX(p: ModelPart, cz: number, w: number, y0: number, h: number, xWall: number, side: 1 | -1): void {
  const x = xWall + side * 0.04;
  quad(p, [x, y0, cz - w / 2], [x, y0, cz + w / 2], [x, y0 + h, cz + w / 2], [x, y0 + h, cz - w / 2], [side, 0, 0]);
}

/** The block's parts (wall, trim, glass, balconies, doors, roof), each one mesh with one material. */
export function residentialBlock(o: BlockOptions): ModelPart[] {
  const L = o.length / 2;
  const D = o.depth / 2;
  const H = o.floors * o.floorHeight;
  const wall = part('walls', [0.62, 0.55, 0.44]);
  const trim = part('trim', [0.3, 0.3, 0.32]);
  const glass = part('glass', [0.05, 0.09, 0.16]);
  const balcony = part('balconies', [0.55, 0.57, 0.6]);
  const door = part('doors', [0.16, 0.12, 0.1]);
  const roof = part('roof', [0.42, 0.12, 0.07]);

  box(wall, -L, L, 0, H, -D, D);
  box(trim, -L - 0.08, L + 0.08, 0, 0.9, -D - 0.08, D + 0.08);
  for (let f = 1; f < o.floors; f++) {
    const y = f * o.floorHeight;
    box(trim, -L - 0.05, L + 0.05, y - 0.09, y + 0.09, -D - 0.05, D + 0.05);
  }
  box(trim, -L - 0.12, L + 0.12, H - 0.3, H, -D - 0.12, D + 0.12);

  const bays = Math.max(2, Math.round(o.length / 3.3));
  const bay = o.length / bays;
  const perUnit = bays / o.units;
  for (let f = 0; f < o.floors; f++) {
    const y = f * o.floorHeight;
    for (let i = 0; i < bays; i++) {
      const cx = -L + (i + 0.5) * bay;
      // south: every other bay of a unit is a balcony with a glazed door behind it
      const hasBalcony = i % perUnit === 1 || i % perUnit === perUnit - 2;
      if (hasBalcony && f > 0) {
        paneZ(glass, cx, bay * 0.62, y + 0.25, o.floorHeight * 0.7, D, 1);
        box(balcony, cx - bay * 0.45, cx + bay * 0.45, y - 0.1, y + 1.1, D, D + 1.3);
      } else paneZ(glass, cx, bay * 0.52, y + 0.9, o.floorHeight * 0.5, D, 1);
      // north: the stairwell bay in the middle of each unit has landing windows and, at the bottom, the entrance
      const stair = Math.floor(i / perUnit) * perUnit + Math.floor(perUnit / 2) === i;
      if (!stair) paneZ(glass, cx, bay * 0.4, y + 1.0, o.floorHeight * 0.42, -D, -1);
      else if (f === 0) {
        paneZ(door, cx, 1.5, 0, 2.3, -D, -1);
        box(balcony, cx - 1.4, cx + 1.4, 2.5, 2.68, -D - 1.3, -D);
      } else paneZ(glass, cx, 1.1, y - o.floorHeight * 0.25, 0.9, -D, -1);
    }
    for (const s of [-1, 1] as const) {
      for (const cz of [-D / 2, D / 2]) paneX(glass, cz, 1.4, y + 0.9, o.floorHeight * 0.5, s * L, s);
    }
  }

  // pitched roof: ridge along x, built around y = 0 and lifted onto the walls by its node
  const o2 = 0.5;
  const R = 3.2;
  const x0 = -L - o2;
  const x1 = L + o2;
  const zs = D + o2;
  const slope = Math.hypot(zs, R);
  quad(roof, [x0, 0, zs], [x1, 0, zs], [x1, R, 0], [x0, R, 0], [0, zs / slope, R / slope]);
  quad(roof, [x0, 0, -zs], [x1, 0, -zs], [x1, R, 0], [x0, R, 0], [0, zs / slope, -R / slope]);
  quad(roof, [x0, 0, -zs], [x1, 0, -zs], [x1, 0, zs], [x0, 0, zs], [0, -1, 0]);
  tri(roof, [x0, 0, -zs], [x0, 0, zs], [x0, R, 0], [-1, 0, 0]);
  tri(roof, [x1, 0, -zs], [x1, 0, zs], [x1, R, 0], [1, 0, 0]);
  roof.translation = [0, H, 0];

  return [wall, trim, glass, balcony, door, roof];
}
