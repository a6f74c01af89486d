import type { Me } from '../../models/auth';

/** What the server said about this page's session. */
export type SessionCheck = { kind: 'signedIn'; me: Me } | { kind: 'signedOut'; demo: boolean } | { kind: 'unreachable'; error: string };

/** Sign-in failures the form can explain. */
export class SignInError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterS = 0,
  ) {
    super(message);
  }
}

async function post(path: string, body: unknown): Promise<Me> {
  const res = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const data = (await res.json().catch(() => ({}))) as Me & { error?: string };
  if (!res.ok) throw new SignInError(res.status, data.error ?? `HTTP ${res.status}`, Number(res.headers.get('retry-after') ?? 0));
  return data;
}

/** `GET /api/v1/me`: who the session cookie belongs to (401: nobody). */
export async function checkSession(): Promise<SessionCheck> {
  try {
    const res = await fetch('/api/v1/me', { credentials: 'same-origin', headers: { accept: 'application/json' } });
    const body = (await res.json().catch(() => ({}))) as Me & { demo?: boolean; error?: string };
    if (res.status === 401) return { kind: 'signedOut', demo: body.demo === true };
    if (!res.ok) return { kind: 'unreachable', error: body.error ?? `HTTP ${res.status}` };
    return { kind: 'signedIn', me: body };
  } catch (err) {
    return { kind: 'unreachable', error: err instanceof Error ? err.message : String(err) };
  }
}

/** Password sign-in; the server answers with an HttpOnly session cookie that fetch and the socket then carry. */
export const signIn = (username: string, password: string): Promise<Me> => post('/api/v1/auth/login', { username, password });

/** Trades the wall display's token for a session cookie. */
export const signInWall = (token: string): Promise<Me> => post('/api/v1/auth/wall', { token });
