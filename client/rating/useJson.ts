import { useEffect, useState } from 'react';
import { api } from '../live/api';

export type Loaded<T> = { state: 'loading' } | { state: 'ready'; data: T } | { state: 'error'; error: string };

/** GETs a JSON resource of the API once per `path`/`attempt` (bump attempt to retry). */
export function useJson<T>(path: string | null, attempt = 0): Loaded<T> {
  const [out, setOut] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    if (!path) return;
    let live = true;
    setOut({ state: 'loading' });
    fetch(path, { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then(async (res) => {
        const body = (await res.json().catch(() => null)) as (T & { error?: string }) | null;
        if (!res.ok) {
          // a lapsed session: the sign-in gate takes over
          if (res.status === 401) void api.me().catch(() => undefined);
          throw new Error(body?.error ?? `HTTP ${res.status}`);
        }
        if (live) setOut({ state: 'ready', data: body as T });
      })
      .catch((err: unknown) => live && setOut({ state: 'error', error: err instanceof Error ? err.message : String(err) }));
    return () => {
      live = false;
    };
  }, [path, attempt]);
  return out;
}
