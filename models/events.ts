import type { Alarm } from './alarm';
import type { Kpis } from './kpi';
import type { DeviceState, DeviceStatus, ReadingTuple } from './reading';
import type { WorkOrder } from './workOrder';
import type { CommandEvent } from './commands';

export const TWIN_NAMESPACE = '/twin';

/** Room name for a compound's live feed. */
export function compoundRoom(compoundId: string): string {
  return `compound:${compoundId}`;
}

export interface TwinSnapshot {
  compoundId: string;
  seq: number;
  at: number;
  devices: DeviceState[];
  alarms: Alarm[];
  workOrders: WorkOrder[];
  kpis: Kpis;
}

/** Every delta carries the room's monotonic seq; a gap means "resync". */
export interface ReadingBatch {
  seq: number;
  readings: ReadingTuple[];
}
export interface DeviceStatusEvent {
  seq: number;
  changes: { deviceId: string; status: DeviceStatus; at: number }[];
}
export interface AlarmEventPayload {
  seq: number;
  alarm: Alarm;
}
export interface WorkOrderEventPayload {
  seq: number;
  workOrder: WorkOrder;
}
export interface KpiEvent {
  seq: number;
  kpis: Kpis;
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: string };

export interface JoinRequest {
  compoundId: string;
  /** Last seq the client saw; the server replays what was missed or sends a fresh snapshot. */
  sinceSeq?: number;
}
export interface JoinResult {
  compoundId: string;
  seq: number;
  /** 'snapshot': a twin:snapshot follows; 'replay': missed deltas were re-sent in order. */
  mode: 'snapshot' | 'replay';
  replayed: number;
}

export interface ServerToClientEvents {
  'twin:snapshot': (s: TwinSnapshot) => void;
  'reading:batch': (b: ReadingBatch) => void;
  'device:status': (e: DeviceStatusEvent) => void;
  'alarm:raised': (e: AlarmEventPayload) => void;
  'alarm:updated': (e: AlarmEventPayload) => void;
  'workorder:updated': (e: WorkOrderEventPayload) => void;
  'kpi:update': (e: KpiEvent) => void;
  /** Device commands changed state (server/commands): per device, with the broadcasts' new counts. */
  'command:updated': (e: CommandEvent) => void;
}

export interface ClientToServerEvents {
  'compound:join': (req: JoinRequest, ack: (r: Ack<JoinResult>) => void) => void;
  'compound:leave': (req: { compoundId: string }, ack: (r: Ack<null>) => void) => void;
}
