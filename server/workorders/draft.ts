import { categoryOfAlarm, pointInRing, PRIORITY_OF_SEVERITY, WORK_ORDER_SLA_MIN, type Alarm, type WorkOrderCreate } from '../../models';
import type { CompoundRegistry } from '../compounds/registry';
import { buildingOf } from '../compounds/registry';
import type { NewWorkOrder } from '../db/workorders.repo';
import { HttpError } from '../http/errors';

export interface DraftDeps {
  registry: CompoundRegistry;
  getAlarm(id: number): Promise<Alarm | null>;
}

/**
 * Resolves a create request into a row: from an alarm (device, building, location, title, category and
 * priority filled from it), from a device, or from a point in the scene (building found under the point).
 * Fields given explicitly win; references that do not exist or do not fit together are 400s naming the field.
 */
export async function draftWorkOrder(input: WorkOrderCreate, by: string, now: number, deps: DraftDeps): Promise<NewWorkOrder> {
  let compoundId = input.compoundId;
  let deviceId = input.deviceId ?? null;
  let title = input.title;
  let category = input.category;
  let priority = input.priority;
  let alarmId: number | null = null;

  if (input.alarmId !== undefined) {
    const alarm = await deps.getAlarm(input.alarmId);
    if (!alarm) throw new HttpError(400, `alarmId: alarm ${input.alarmId} not found`);
    if (compoundId && compoundId !== alarm.compoundId)
      throw new HttpError(400, `compoundId: alarm ${alarm.id} belongs to compound "${alarm.compoundId}", not "${compoundId}"`);
    if (deviceId && deviceId !== alarm.deviceId) throw new HttpError(400, `deviceId: alarm ${alarm.id} is on device "${alarm.deviceId}", not "${deviceId}"`);
    alarmId = alarm.id;
    compoundId = alarm.compoundId;
    deviceId = alarm.deviceId;
    const name = deps.registry.device(alarm.deviceId)?.name ?? alarm.deviceId;
    title ??= `${name}：${alarm.message.zh}`;
    category ??= categoryOfAlarm(alarm.ruleId);
    priority ??= PRIORITY_OF_SEVERITY[alarm.severity];
  }

  const device = deviceId ? deps.registry.device(deviceId) : undefined;
  if (deviceId && !device) throw new HttpError(400, `deviceId: device "${deviceId}" not found`);
  const deviceCompound = deviceId ? deps.registry.compoundOfDevice(deviceId) : undefined;
  if (compoundId && deviceCompound && compoundId !== deviceCompound)
    throw new HttpError(400, `deviceId: device "${deviceId}" belongs to compound "${deviceCompound}", not "${compoundId}"`);
  compoundId ??= deviceCompound;
  const entry = compoundId ? deps.registry.get(compoundId) : undefined;
  if (!compoundId || !entry) throw new HttpError(400, `compoundId: compound "${compoundId ?? ''}" not found`);

  const location = input.location ?? (device ? ([...device.placement.at] as [number, number, number]) : null);
  let buildingId = input.buildingId ?? (device ? buildingOf(device) : null);
  if (input.buildingId !== undefined && !entry.buildings.has(input.buildingId))
    throw new HttpError(400, `buildingId: building "${input.buildingId}" is not in compound "${compoundId}"`);
  if (device && input.buildingId !== undefined && buildingOf(device) && buildingOf(device) !== input.buildingId) {
    throw new HttpError(400, `buildingId: device "${device.id}" is in building "${buildingOf(device)}", not "${input.buildingId}"`);
  }
  if (!buildingId && location) buildingId = entry.doc.buildings.find((b) => pointInRing([location[0], location[1]], b.footprint))?.id ?? null;

  if (!title || !category) throw new HttpError(400, `${!title ? 'title' : 'category'}: required unless alarmId is given`);
  const p = priority ?? 'normal';
  return {
    compoundId,
    title,
    description: input.description,
    category,
    priority: p,
    alarmId,
    deviceId,
    buildingId,
    location,
    createdBy: by,
    at: now,
    slaResponseMin: WORK_ORDER_SLA_MIN[p].response,
    slaResolveMin: WORK_ORDER_SLA_MIN[p].resolve,
  };
}
