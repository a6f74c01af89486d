import type { Alarm, Kpis, WorkOrder } from '../../models';
import type { CompoundEntry, CompoundRegistry } from '../compounds/registry';
import { LiveState } from './liveState';

/** Everything live about one compound that the snapshot and the hot paths read from memory. */
export interface Twin {
  entry: CompoundEntry;
  live: LiveState;
  /** Open alarms: active, or cleared but not yet acknowledged. */
  alarms: Map<number, Alarm>;
  /** `deviceId|ruleId` → id of the active alarm (at most one per device and rule). */
  activeByKey: Map<string, number>;
  workOrders: Map<number, WorkOrder>;
  kpis: Kpis | null;
}

export const alarmKey = (deviceId: string, ruleId: string): string => deviceId + '|' + ruleId;

/** The live twins of every loaded compound. */
export class Twins {
  private readonly byId = new Map<string, Twin>();

  constructor(readonly registry: CompoundRegistry) {}

  /** (Re)builds the live twin of a compound after its document was (re)loaded. */
  attach(compoundId: string): Twin {
    const entry = this.registry.get(compoundId);
    if (!entry) throw new Error(`unknown compound ${compoundId}`);
    const old = this.byId.get(compoundId);
    const twin: Twin = {
      entry,
      live: new LiveState(entry.devices),
      alarms: old?.alarms ?? new Map<number, Alarm>(),
      activeByKey: old?.activeByKey ?? new Map<string, number>(),
      workOrders: old?.workOrders ?? new Map<number, WorkOrder>(),
      kpis: old?.kpis ?? null,
    };
    this.byId.set(compoundId, twin);
    return twin;
  }

  get(compoundId: string): Twin | undefined {
    return this.byId.get(compoundId);
  }

  /** The twin holding a device, if any. */
  ofDevice(deviceId: string): Twin | undefined {
    const c = this.registry.compoundOfDevice(deviceId);
    return c ? this.byId.get(c) : undefined;
  }

  all(): Twin[] {
    return [...this.byId.values()];
  }

  /**
   * Whether this process acts for a compound (its engine, sweeps, KPIs, simulator): every compound when it
   * runs alone; in cluster mode the compounds whose lease it holds (server/cluster/leases.ts).
   */
  isOwned: (compoundId: string) => boolean = () => true;

  /** The twins this process acts for. */
  owned(): Twin[] {
    return this.all().filter((t) => this.isOwned(t.entry.doc.id));
  }
}
