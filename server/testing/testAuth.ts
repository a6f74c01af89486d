import type { AuthUser } from '../../models';
import { DEMO_ACCOUNTS, DEMO_WALL_TOKEN } from '../auth/accounts.service';

/** The demo accounts tests sign in as (README lists them); `wall` uses the demo wall token. */
export type TestRole = 'admin' | 'officer-yaguang' | 'officer-sanhe' | 'evaluator' | 'wall';

/** A signed-in test principal: spread `headers` into fetch, pass `token` to a socket (`new TwinClient(url, { token })`). */
export interface TestAuth {
  user: AuthUser;
  /** The session secret (works as `Authorization: Bearer` and as socket `auth.token`). */
  token: string;
  /** `Cookie: ct_session=…`: what a browser would send. */
  cookie: string;
  headers: Record<string, string>;
}

/** Signs in one demo account over HTTP, the way the browser does (cookie). */
export async function signIn(url: string, who: TestRole = 'admin'): Promise<TestAuth> {
  const res =
    who === 'wall'
      ? await fetch(`${url}/api/v1/auth/wall`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token: DEMO_WALL_TOKEN }),
        })
      : await fetch(`${url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: who, password: DEMO_ACCOUNTS.find((a) => a.username === who)!.password }),
        });
  if (res.status !== 200) throw new Error(`sign-in as ${who} failed: ${res.status} ${await res.text()}`);
  const set = res.headers.get('set-cookie') ?? '';
  const token = set.match(/ct_session=([^;]+)/)?.[1];
  if (!token) throw new Error(`sign-in as ${who}: no session cookie in ${set}`);
  const body = (await res.json()) as { user: AuthUser };
  const cookie = `ct_session=${token}`;
  return { user: body.user, token, cookie, headers: { cookie } };
}

/** One JSON API call as a test principal (or anonymous): `{status, headers, body}`. */
export async function call(
  url: string,
  path: string,
  opts: { as?: TestAuth | null; method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const method = opts.method ?? (opts.body === undefined ? 'GET' : 'POST');
  const res = await fetch(`${url}${path.startsWith('/api') ? '' : '/api/v1'}${path}`, {
    method,
    headers: { ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }), ...opts.as?.headers, ...opts.headers },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, headers: res.headers, body };
}
