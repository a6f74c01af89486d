import type {
  AudioPreset,
  Broadcast,
  BroadcastCreate,
  BroadcastDetail,
  CommandCreate,
  DeviceCommand,
  MessageTemplate,
  ScreenContent,
} from '../../models/commands';
import { request } from '../live/api';

const enc = encodeURIComponent;
const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body ?? {}) });

/** The broadcast and device-command API (server/commands). */
export const commandApi = {
  templates: () => request<{ templates: MessageTemplate[]; presets: AudioPreset[] }>('/api/v1/broadcast-templates'),
  send: (compoundId: string, body: BroadcastCreate) => request<BroadcastDetail>(`/api/v1/compounds/${enc(compoundId)}/broadcasts`, post(body)),
  recent: (compoundId: string, limit = 8) => request<{ broadcasts: Broadcast[] }>(`/api/v1/compounds/${enc(compoundId)}/broadcasts?limit=${limit}`),
  broadcast: (id: number) => request<BroadcastDetail>(`/api/v1/broadcasts/${id}`),
  retry: (id: number) => request<BroadcastDetail>(`/api/v1/broadcasts/${id}/retry`, post({})),
  stop: (id: number) => request<BroadcastDetail>(`/api/v1/broadcasts/${id}/stop`, post({})),
  command: (compoundId: string, body: CommandCreate) => request<DeviceCommand>(`/api/v1/compounds/${enc(compoundId)}/commands`, post(body)),
  screens: (compoundId: string) => request<{ screens: ScreenContent[] }>(`/api/v1/compounds/${enc(compoundId)}/screens`),
};

/** A fresh idempotency key for one request (a retry of the same click reuses it). */
export function newRequestId(): string {
  const a = new Uint8Array(12);
  crypto.getRandomValues(a);
  return Array.from(a, (b) => b.toString(16).padStart(2, '0')).join('');
}
