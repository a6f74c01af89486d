import type { Alarm, AlarmEvent, Compound, DeviceState, WorkOrder, WorkOrderDetail } from '../../models';
import type { Twins } from '../live/twins';
import { publicCompound } from '../video/publicCompound';
import { householdMask, maskAlarm, maskStates, maskWorkOrder, type HouseholdMask } from './householdMask';

// The masked types a route returns to evaluators (and walls whose token does not show households): each
// is produced from the full type by the read model, one function per shape, named by the route's policy.
// Nothing here guesses a payload's shape.

declare const masked: unique symbol;
/** A value in its masked form: households appear only as one aggregate per unit and type. */
export type Masked<T> = T & { readonly [masked]?: true };

const asMasked = <T>(v: T): Masked<T> => v as Masked<T>;

export interface TwinView {
  compound: Compound;
  devices: DeviceState[];
}

/** The read model's masked views, bound to the live compounds (masks are built once per document). */
export class MaskedViews {
  constructor(private readonly twins: Twins) {}

  private maskOf(compoundId: string): HouseholdMask | undefined {
    const t = this.twins.get(compoundId);
    // the routes mask the public document (server/video/publicCompound.ts): one mask per compound
    return t ? householdMask(publicCompound(t.entry.doc)) : undefined;
  }

  compound = (doc: Compound): Masked<Compound> => asMasked(householdMask(doc).doc);

  twin = (v: TwinView): Masked<TwinView> => {
    const t = this.twins.get(v.compound.id);
    const m = householdMask(v.compound);
    return asMasked({ compound: m.doc, devices: maskStates(m, v.devices, t?.live.states ?? new Map<string, DeviceState>()) });
  };

  alarm = <A extends Alarm>(a: A): Masked<A> => {
    const m = this.maskOf(a.compoundId);
    if (!m || !m.aggOf.has(a.deviceId)) return asMasked(a);
    const out = { ...a, ...maskAlarm(m, a) } as A & { events?: AlarmEvent[] };
    if (Array.isArray(out.events)) out.events = out.events.map((e) => ({ ...e, comment: e.comment && '—' }));
    return asMasked(out);
  };

  alarms = (list: Alarm[]): Masked<Alarm>[] => list.map(this.alarm);

  workOrder = <W extends WorkOrder>(w: W): Masked<W> => {
    // A resident's repair request: its text (room, masked phone, what they wrote) is one household's; the title names only the unit.
    if (w.source === 'resident') {
      const out = { ...w, description: '—', ratingComment: w.ratingComment && '—', comments: w.comments.map((c) => ({ ...c, text: '—' })) } as W &
        Partial<Pick<WorkOrderDetail, 'events'>>;
      if (Array.isArray(out.events)) out.events = out.events.map((e) => ({ ...e, comment: e.comment && '—', detail: null }));
      return asMasked(out);
    }
    const m = this.maskOf(w.compoundId);
    if (!m || !w.deviceId || !m.aggOf.has(w.deviceId)) return asMasked(w);
    const out = { ...w, ...maskWorkOrder(m, w) } as W & Partial<Pick<WorkOrderDetail, 'events'>>;
    if (Array.isArray(out.events)) out.events = out.events.map((e) => ({ ...e, comment: e.comment && '—', detail: null }));
    return asMasked(out);
  };

  workOrders = (list: WorkOrder[]): Masked<WorkOrder>[] => list.map(this.workOrder);
}
