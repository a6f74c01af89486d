// A synthetic compound for benchmarks and load tests: a grid of identical slabs with devices dealt
// round-robin over every type. It is valid against CompoundSchema but makes no claim to realism;
// speed matters here (200 buildings / 20,000 devices in a few tens of milliseconds).
import type { Building, Compound, Device, Unit } from '../../models/compound';
import { DEVICE_TYPES, DEVICE_TYPE_DEFS, type DeviceType } from '../../models/deviceTypes';
import { mulberry32, r2 } from './prng';
import { rectRing } from './footprints';

export interface StressOptions {
  buildings: number;
  devices: number;
  seed?: number;
  id?: string;
}

const W = 40,
  D = 12,
  PITCH_X = 55,
  PITCH_Y = 36,
  FLOORS = 6,
  FH = 3,
  UNITS = 2,
  PER_FLOOR = 2;
const GROUND: ReadonlySet<DeviceType> = new Set(['electronic_fence', 'parking_gate', 'broadcast_speaker', 'env_sensor']);

export function makeStressCompound(opts: StressOptions): Compound {
  const { buildings: nb, devices: nd, seed = 1, id = 'stress' } = opts;
  if (!Number.isInteger(nb) || nb < 1 || nb > 5000) throw new RangeError(`buildings must be an integer 1..5000, got ${nb}`);
  if (!Number.isInteger(nd) || nd < 0 || nd > 200_000) throw new RangeError(`devices must be an integer 0..200000, got ${nd}`);
  const rng = mulberry32(seed);
  const cols = Math.ceil(Math.sqrt(nb));
  const rows = Math.ceil(nb / cols);
  const origin = (i: number): [number, number] => [(i % cols) * PITCH_X, Math.floor(i / cols) * PITCH_Y];

  let residents = 0;
  const buildings: Building[] = [];
  for (let i = 0; i < nb; i++) {
    const [x0, y0] = origin(i);
    const units: Unit[] = [];
    for (let u = 0; u < UNITS; u++) {
      let unitResidents = 0;
      const floors = Array.from({ length: FLOORS }, (_, f) => {
        const occupied = rng() < 0.1 ? PER_FLOOR - 1 : PER_FLOOR;
        const elderlyAlone = rng() < 0.08 ? 1 : 0;
        unitResidents += occupied * 3 - elderlyAlone * 2;
        return { level: f + 1, households: PER_FLOOR, occupied, elderlyAlone };
      });
      residents += unitResidents;
      units.push({
        id: `b${i + 1}-u${u + 1}`,
        number: u + 1,
        span: [u / UNITS, (u + 1) / UNITS],
        entrance: [r2(x0 + (u + 0.5) * (W / UNITS)), y0],
        residents: unitResidents,
        floors,
      });
    }
    buildings.push({
      id: `b${i + 1}`,
      number: String(i + 1),
      use: 'residential',
      footprint: rectRing(x0, y0, x0 + W, y0 + D),
      floors: FLOORS,
      floorHeight: FH,
      units,
    });
  }

  const devices = new Array<Device>(nd);
  for (let i = 0; i < nd; i++) {
    const type = DEVICE_TYPES[i % DEVICE_TYPES.length];
    const def = DEVICE_TYPE_DEFS[type];
    const bi = Math.floor(i / DEVICE_TYPES.length) % nb;
    const [x0, y0] = origin(bi);
    let placement: Device['placement'];
    if (GROUND.has(type)) {
      // Between rows: the clear strip south of each slab is 24 m deep.
      placement = { kind: 'ground', at: [r2(x0 + rng() * W), r2(y0 - 2 - rng() * (PITCH_Y - D - 4)), 2] };
    } else {
      const x = x0 + 0.5 + rng() * (W - 1);
      const floor = 1 + Math.floor(rng() * FLOORS);
      const unit = x < x0 + W / 2 ? 1 : 2;
      placement = {
        kind: 'building',
        buildingId: `b${bi + 1}`,
        unitId: `b${bi + 1}-u${unit}`,
        floor,
        at: [r2(x), r2(y0 + 0.5 + rng() * (D - 1)), (floor - 1) * FH + 1.5],
      };
    }
    const d: Device = {
      id: `${type}-${i + 1}`,
      type,
      name: `${def.zh} ${i + 1}`,
      placement,
      metrics: [...def.metrics],
      installedAt: `2025-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`,
      intervalS: def.intervalS,
    };
    if (type === 'electric_meter' || type === 'water_meter') d.households = 1;
    else if (type === 'public_meter') d.households = 0;
    devices[i] = d;
  }

  const maxX = (cols - 1) * PITCH_X + W + 20;
  const maxY = (rows - 1) * PITCH_Y + D + 20;
  return {
    schemaVersion: 1,
    id,
    name: `压力测试小区 ${id}`.slice(0, 64),
    nameEn: `Stress compound ${id}`.slice(0, 64),
    timeZone: 'Asia/Shanghai',
    province: '湖北省',
    city: '武汉市',
    builtYear: 2010,
    residents,
    origin: { lat: 30.5, lon: 114.3 },
    redLine: rectRing(-20, -PITCH_Y + D - 20, maxX, maxY),
    roads: [],
    greens: [],
    buildings,
    devices,
  };
}
