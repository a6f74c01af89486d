import type { Building, Compound, CompoundSummary, Device } from '../../models';
import { summarizeCompound } from '../../models';

export interface CompoundEntry {
  doc: Compound;
  summary: CompoundSummary;
  devices: Map<string, Device>;
  buildings: Map<string, Building>;
}

/** The static twins in memory, indexed for the hot paths (ingest validation, alarm lookups). */
export class CompoundRegistry {
  private readonly byId = new Map<string, CompoundEntry>();
  private readonly deviceCompound = new Map<string, string>();

  set(doc: Compound): CompoundEntry {
    for (const d of doc.devices) {
      const owner = this.deviceCompound.get(d.id);
      if (owner && owner !== doc.id) throw new Error(`device id "${d.id}" of compound ${doc.id} is already used by compound ${owner}`);
    }
    const old = this.byId.get(doc.id);
    if (old) for (const id of old.devices.keys()) this.deviceCompound.delete(id);
    const entry: CompoundEntry = {
      doc,
      summary: summarizeCompound(doc),
      devices: new Map(doc.devices.map((d) => [d.id, d])),
      buildings: new Map(doc.buildings.map((b) => [b.id, b])),
    };
    this.byId.set(doc.id, entry);
    for (const id of entry.devices.keys()) this.deviceCompound.set(id, doc.id);
    return entry;
  }

  get(id: string): CompoundEntry | undefined {
    return this.byId.get(id);
  }

  ids(): string[] {
    return [...this.byId.keys()].sort();
  }

  list(): CompoundEntry[] {
    return this.ids().map((id) => this.byId.get(id)!);
  }

  /** The compound a device belongs to, if any. */
  compoundOfDevice(deviceId: string): string | undefined {
    return this.deviceCompound.get(deviceId);
  }

  device(deviceId: string): Device | undefined {
    const c = this.deviceCompound.get(deviceId);
    return c ? this.byId.get(c)?.devices.get(deviceId) : undefined;
  }
}

/** The building id a device sits in, or null for ground devices. */
export function buildingOf(d: Device): string | null {
  return d.placement.kind === 'building' ? d.placement.buildingId : null;
}
