// One place that turns "a device of this type, here" into a schema Device: metrics and cadence come
// from the shared type table, positions are rounded, and install dates follow a retrofit schedule
// (systems installed in phases, crews moving building by building) rather than being random.
import type { Device } from '../../models/compound';
import { DEVICE_TYPE_DEFS, type DeviceType } from '../../models/deviceTypes';
import { addDays, mulberry32, r2, randInt, type Rng } from './prng';

/** Days after the retrofit starts when each system's crew begins. */
const PHASE_DAYS: Record<DeviceType, number> = {
  ebike_charger: 0,
  access_gate: 14,
  camera: 20,
  parking_gate: 24,
  electronic_fence: 40,
  info_screen: 48,
  smoke_detector: 60,
  hydrant_pressure: 75,
  broadcast_speaker: 90,
  env_sensor: 100,
  elderly_sensor: 120,
  electric_meter: 140,
  water_meter: 150,
  public_meter: 160,
  health_kiosk: 190,
};

type Pt3 = [number, number, number];

/** A camera's view as the demo generator writes it: headings rounded to a degree, points and ranges to centimetres. */
export function demoView(headingDeg: number, hfovDeg: number, rangeM: number, tiltDeg: number, at?: Pt3): NonNullable<Device['view']> {
  const h = ((Math.round(headingDeg) % 360) + 360) % 360;
  return {
    ...(at ? { at: [r2(at[0]), r2(at[1]), r2(at[2])] as Pt3 } : {}),
    headingDeg: h,
    tiltDeg,
    hfovDeg,
    rangeM: r2(rangeM),
  };
}

/** Compass heading (degrees clockwise from north) of a direction in local metres (x east, y north). */
export const headingOf = (dx: number, dy: number): number => ((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360;
/** A placement without its point (Omit<> over the schema's union would drop the building fields). */
export type Where = { kind: 'building'; buildingId: string; unitId?: string; floor?: number } | { kind: 'ground' };

export class DeviceSink {
  readonly devices: Device[] = [];
  private readonly ids = new Set<string>();

  /** `prefix` keeps device ids unique across compounds (readings are keyed by device id alone). */
  constructor(
    private readonly retrofitStart: string,
    private readonly rng: Rng,
    private readonly prefix = '',
  ) {
    let h = 2166136261;
    for (const ch of `${retrofitStart}|${prefix}|later`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
    this.laterRng = mulberry32(h >>> 0);
  }

  /**
   * Install dates of devices added to the demo after its first release draw from here, not from the layout's
   * generator: adding them shifts none of the draws (positions, flats, dates) of the devices already published.
   */
  private readonly laterRng: Rng;

  /** `order` is the crew's position in its round (building index), which spreads install dates. Returns the device (a camera's view is set on it). */
  add(type: DeviceType, localId: string, name: string, placement: Where, at: Pt3, order: number, households?: number): Device {
    return this.put(this.rng, type, localId, name, placement, at, order, households);
  }

  /** Like add(), for a device added to the demo later (the stairwell speakers): the main generator is not drawn from. */
  addLater(type: DeviceType, localId: string, name: string, placement: Where, at: Pt3, order: number): Device {
    return this.put(this.laterRng, type, localId, name, placement, at, order);
  }

  private put(rng: Rng, type: DeviceType, localId: string, name: string, placement: Where, at: Pt3, order: number, households?: number): Device {
    const id = this.prefix + localId;
    if (this.ids.has(id)) throw new Error(`duplicate device id ${id}`);
    this.ids.add(id);
    const def = DEVICE_TYPE_DEFS[type];
    const days = PHASE_DAYS[type] + Math.floor(order * 1.5) + randInt(rng, 0, 2);
    const d: Device = {
      id,
      type,
      name,
      placement: { ...placement, at: [r2(at[0]), r2(at[1]), r2(at[2])] },
      metrics: [...def.metrics],
      installedAt: addDays(this.retrofitStart, days),
      intervalS: def.intervalS,
    };
    if (households !== undefined) d.households = households;
    this.devices.push(d);
    return d;
  }
}
