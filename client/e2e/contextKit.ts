// A small imported-looking site, written by hand, with its surroundings: a red line with eight buildings
// of different uses (named and not), roads of every class with a rail line, a lake with an island, a park,
// land use, and 5,000 neighbouring buildings. Plus a loopback raster tile server for the basemap.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Building, Compound, CompoundContext } from '../../models/compound';
import type { Point2 } from '../../models/geo';
import { encodePng } from '../../server/simulator/aiEvents';

const rect = (x0: number, y0: number, x1: number, y1: number): Point2[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
];

function building(id: string, number: string, use: Building['use'], ring: Point2[], floors: number, name?: string, nameEn?: string): Building {
  const residential = use === 'residential';
  return {
    id,
    number,
    ...(name ? { name } : {}),
    ...(nameEn ? { nameEn } : {}),
    use,
    footprint: ring,
    floors,
    floorHeight: 3,
    units: residential
      ? [
          {
            id: `${id}-u1`,
            number: 1,
            span: [0, 1],
            entrance: [ring[0][0] + 5, ring[0][1]],
            residents: 40,
            floors: Array.from({ length: floors }, (_, i) => ({ level: i + 1, households: 2, occupied: 2, elderlyAlone: 0 })),
          },
        ]
      : [],
  };
}

/** The one neighbour the click test aims at: west of the site, with only ground behind it as the camera sees it. */
export const PROBE_NEIGHBOUR = { footprint: rect(-236, -80, -204, -48), height: 36 };
/** Buildings of the site and what their labels say. */
export const SITE = {
  home: 'c1',
  namedHome: 'c2',
  office: 'c3',
  retail: 'c4',
};

function context(neighbours: number): CompoundContext {
  const nb: CompoundContext['neighbours'] = [PROBE_NEIGHBOUR];
  // a grid of blocks around the site, off the roads, the lake and the park
  const free = (x: number, y: number) =>
    !(x > -260 && x < 170 && y > -140 && y < 130) && // the site and the probe neighbour's surroundings
    Math.abs(y + 150) > 22 && // primary road
    Math.abs(x - 200) > 16 && // secondary road
    Math.abs(y - 300) > 14 && // rail
    !(x > 240 && x < 520 && y > -60 && y < 200) && // lake
    !(x < -280 && x > -520 && y > 140 && y < 320); // park
  for (let i = -45; i < 45 && nb.length < neighbours; i++) {
    for (let j = -45; j < 45 && nb.length < neighbours; j++) {
      const x = i * 19;
      const y = j * 19;
      if (!free(x, y) || !free(x + 12, y + 12)) continue;
      nb.push({ footprint: rect(x, y, x + 12, y + 10 + ((i * 7 + j * 3) % 5)), height: 9 + ((((i * 13 + j * 29) % 48) + 48) % 48) });
    }
  }
  return {
    roads: [
      {
        kind: 'primary',
        width: 24,
        line: [
          [-900, -150],
          [-200, -150],
          [300, -150],
          [900, -150],
        ],
        name: '光谷大道',
      },
      {
        kind: 'secondary',
        width: 14,
        line: [
          [200, -900],
          [200, -150],
          [200, 200],
          [220, 900],
        ],
      },
      {
        kind: 'residential',
        width: 7,
        line: [
          [-140, -150],
          [-140, 150],
          [-20, 170],
          [200, 170],
        ],
      },
      {
        kind: 'service',
        width: 4,
        line: [
          [0, -150],
          [0, -90],
        ],
      },
      {
        kind: 'path',
        width: 2,
        line: [
          [-300, 140],
          [-400, 230],
          [-480, 240],
        ],
      },
      {
        kind: 'motorway',
        width: 30,
        line: [
          [-900, -420],
          [900, -380],
        ],
      },
      {
        kind: 'rail',
        width: 5,
        line: [
          [-900, 300],
          [0, 300],
          [900, 330],
        ],
      },
    ],
    water: [{ polygon: rect(250, -50, 510, 190), holes: [rect(340, 40, 400, 100)] }],
    green: [{ polygon: rect(-510, 150, -290, 310) }],
    landuse: [
      { kind: 'residential', polygon: rect(-700, -130, -150, 280) },
      { kind: 'commercial', polygon: rect(-120, 190, 600, 290) },
      { kind: 'education', polygon: rect(-700, -700, -200, -170) },
    ],
    neighbours: nb,
  };
}

/** The test site: `ctx-site` with its surroundings (5,000 neighbours), or `ctx-plain` without any (same buildings). */
export function contextCompound(withContext: boolean, neighbours = 5000): Compound {
  const id = withContext ? 'ctx-site' : 'ctx-plain';
  return {
    schemaVersion: 1,
    id,
    name: withContext ? '光谷测试园区' : '光谷测试园区（无周边）',
    nameEn: withContext ? 'Optics Valley test site' : 'Optics Valley test site (bare)',
    province: '湖北省',
    city: '武汉市',
    timeZone: 'Asia/Shanghai',
    builtYear: 2012,
    residents: 120,
    origin: { lat: 30.5052, lon: 114.4089 },
    redLine: rect(-130, -110, 130, 110),
    roads: [{ id: 'r1', kind: 'main', polygon: rect(-130, -6, 130, 6) }],
    greens: [{ id: 'g1', polygon: rect(-30, 30, 30, 90) }],
    ...(withContext ? { context: context(neighbours) } : {}),
    buildings: [
      building(SITE.home, '1', 'residential', rect(-110, 20, -60, 36), 18),
      building(SITE.namedHome, '2', 'residential', rect(-110, 60, -60, 76), 18, '阳光楼'),
      building(SITE.office, '3', 'office', rect(50, 30, 100, 80), 24, '光谷创意大厦', 'Optics Valley Creative Tower'),
      building(SITE.retail, '4', 'retail', rect(40, -90, 110, -40), 4, '光谷步行街'),
      building('c5', '5', 'school', rect(-110, -90, -50, -50), 4, '光谷第一小学'),
      building('c6', '6', 'hospital', rect(-30, -90, 20, -40), 9, '光谷社区医院'),
      building('c7', '7', 'hotel', rect(-30, 100, 30, 104), 3),
      building('c8', '8', 'unknown', rect(60, 90, 90, 104), 2),
    ],
    devices: [
      {
        id: `${id}-cam-1`,
        type: 'camera',
        name: '南门摄像机',
        placement: { kind: 'ground', at: [0, -100, 4] },
        metrics: ['online'],
        installedAt: '2024-01-01',
        intervalS: 60,
      },
    ],
  };
}

/** A 256×256 PNG of one colour (what a tile server answers). */
export function solidPng(r: number, g: number, b: number, size = 256): Buffer {
  const rgb = new Uint8Array(size * size * 3);
  for (let k = 0; k < rgb.length; k += 3) rgb.set([r, g, b], k);
  return encodePng(size, size, rgb);
}

export interface TileServer {
  url: string;
  /** Paths asked for, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** A loopback XYZ tile server: any /{z}/{x}/{y}.png is a PNG (with CORS, as real tile servers send), anything else 404. */
export async function startTileServer(): Promise<TileServer> {
  const png = solidPng(170, 200, 225);
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (/^\/\d+\/\d+\/\d+\.png$/.test(req.url ?? '')) {
      res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*', 'content-length': png.length });
      res.end(png);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
