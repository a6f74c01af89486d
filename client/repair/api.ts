import type { RepairCategory, RepairCreated, RepairPlaces, RepairRequestStatus } from '../../models/repair';

/** An answer that was not 2xx: the status, the server's message and Retry-After (429). */
export class RepairApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterS: number | null,
  ) {
    super(message);
  }
}

async function call<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`/api/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit',
  });
  const json = (await res.json().catch(() => ({}))) as { error?: string };
  if (!res.ok) {
    const ra = Number(res.headers.get('retry-after'));
    throw new RepairApiError(res.status, json.error ?? res.statusText, Number.isFinite(ra) && ra > 0 ? ra : null);
  }
  return json as T;
}

export interface RepairSubmit {
  compoundId: string;
  buildingId: string;
  unitId: string;
  room?: string;
  category: RepairCategory;
  description: string;
  phone: string;
  photo?: { contentType: 'image/jpeg'; data: string };
  /** Made here, kept across retries of one submission: a retry after a lost answer is the same request. */
  token: string;
}

/** 32 random bytes, base64url: the resident's secret for one request. */
export function newToken(): string {
  const b = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...b))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export const fetchPlaces = (compound: string) => call<RepairPlaces>(`/repair/places?compound=${encodeURIComponent(compound)}`);
export const submitRepair = (body: RepairSubmit) => call<RepairCreated>('/repair-requests', body);
export const fetchStatus = (token: string) => call<RepairRequestStatus>(`/repair-requests/${encodeURIComponent(token)}`);
export const rateRepair = (token: string, rating: number, comment?: string) =>
  call<RepairRequestStatus>(`/repair-requests/${encodeURIComponent(token)}/rating`, comment ? { rating, comment } : { rating });

/** The resident's requests on this phone (token, id, when): the token is the only way back to a request. */
const KEY = 'repair.requests';
export interface SavedRequest {
  token: string;
  id: number;
  at: number;
}
export function savedRequests(): SavedRequest[] {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? (v as SavedRequest[]).filter((x) => typeof x?.token === 'string') : [];
  } catch {
    return [];
  }
}
export function saveRequest(r: SavedRequest): void {
  try {
    localStorage.setItem(KEY, JSON.stringify([r, ...savedRequests().filter((x) => x.token !== r.token)].slice(0, 10)));
  } catch {
    // private mode: the link in the address bar still leads back
  }
}
