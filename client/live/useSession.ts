import { useEffect } from 'react';
import { useSessionStore } from '../stores/useSessionStore';
import { api, ApiError } from './api';

const RETRY_MS = 5_000;

/** Asks the server who this page is signed in as; retries quietly while the server is unreachable (wall displays never give up). */
export function useSession(): void {
  const status = useSessionStore((s) => s.status);
  useEffect(() => {
    if (status !== 'checking' && status !== 'unreachable') return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let live = true;
    const check = () =>
      api.me().then(
        (me) => live && useSessionStore.getState().setMe(me),
        (err: unknown) => {
          if (!live) return;
          if (err instanceof ApiError && err.status === 401) return useSessionStore.getState().signedOut();
          useSessionStore.getState().unreachable(err instanceof Error ? err.message : String(err));
          timer = setTimeout(() => void check(), RETRY_MS);
        },
      );
    void check();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [status]);
}
