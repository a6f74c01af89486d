import type { Alarm } from '../../models/alarm';
import type { Me } from '../../models/auth';
import type { Compound } from '../../models/compound';
import type { Kpis } from '../../models/kpi';
import type { DeviceState, Series } from '../../models/reading';
import { useSessionStore } from '../stores/useSessionStore';

/** An HTTP failure with the server's `{error}` text when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The server's JSON answer, e.g. {error, needsConfirm}. */
    readonly body: unknown = null,
  ) {
    super(message);
  }
}

export async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, {
    ...init,
    headers: { accept: 'application/json', ...(init?.body ? { 'content-type': 'application/json' } : {}), ...init?.headers },
  });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    if (res.ok) throw new ApiError(res.status, `${path}: response is not JSON`);
  }
  if (!res.ok) {
    // a lapsed session signs the page out (the login form shows); a failed login is the caller's to report
    if (res.status === 401 && !path.startsWith('/api/v1/auth/')) useSessionStore.getState().signedOut();
    const msg = body && typeof body === 'object' && 'error' in body ? String(body.error) : `HTTP ${res.status}`;
    throw new ApiError(res.status, msg, body);
  }
  return body as T;
}

const enc = encodeURIComponent;

export interface TwinDocument {
  compound: Compound;
  devices: DeviceState[];
}

export const api = {
  me: () => request<Me>('/api/v1/me'),
  login: (username: string, password: string) => request<Me>('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ username, password }) }),
  logout: () => request<null>('/api/v1/auth/logout', { method: 'POST' }),
  twin: (compoundId: string, signal?: AbortSignal) => request<TwinDocument>(`/api/v1/compounds/${enc(compoundId)}/twin`, { signal }),
  /** The static compound document alone (device states and KPIs come with the live feed's snapshot). */
  compound: (compoundId: string, signal?: AbortSignal) => request<unknown>(`/api/v1/compounds/${enc(compoundId)}`, { signal }),
  kpis: (compoundId: string) => request<Kpis>(`/api/v1/compounds/${enc(compoundId)}/kpis`),
  series: (deviceId: string, metric: string, from: number, to: number, bucket: string, signal?: AbortSignal) =>
    request<Series>(`/api/v1/devices/${enc(deviceId)}/series?metric=${enc(metric)}&from=${from}&to=${to}&bucket=${bucket}`, { signal }),
  alarms: (q: Record<string, string>, signal?: AbortSignal) => request<Alarm[]>(`/api/v1/alarms?${new URLSearchParams(q)}`, { signal }),
  ackAlarm: (id: number, comment: string) => request<Alarm>(`/api/v1/alarms/${id}/ack`, { method: 'POST', body: JSON.stringify({ comment }) }),
  clearAlarm: (id: number, comment: string) => request<Alarm>(`/api/v1/alarms/${id}/clear`, { method: 'POST', body: JSON.stringify({ comment }) }),
  /** Shelves the alarm's point (device + rule) for `minutes` (1..10080); 409 when the alarm is closed. */
  shelveAlarm: (id: number, minutes: number, comment: string) =>
    request<Alarm>(`/api/v1/alarms/${id}/shelve`, { method: 'POST', body: JSON.stringify({ minutes, comment }) }),
  unshelveAlarm: (id: number, comment: string) => request<Alarm>(`/api/v1/alarms/${id}/unshelve`, { method: 'POST', body: JSON.stringify({ comment }) }),
};
