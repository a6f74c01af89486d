import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Me } from '../../models/auth';
import { useSessionStore } from '../stores/useSessionStore';
import { useUiStore } from '../stores/useUiStore';
import { checkSession, signInWall, SignInError } from './authApi';
import { authText } from './authText';
import { DemoBanner } from './DemoBanner';
import { LoginForm } from './LoginForm';
import { renewDelay, wallTokenOf } from './wallSession';
import './auth.css';

type Gate = { kind: 'checking' } | { kind: 'signedIn'; me: Me } | { kind: 'signedOut'; demo: boolean } | { kind: 'unreachable'; wall: boolean };

const RETRY_MS = 5_000;
const WALL_RETRY_MS = 30_000;

/**
 * Shows the app only with a session. No session: the sign-in page (the 3D console is not even
 * mounted). A wall page with `?token=` signs itself in and never shows a form; it renews its session
 * in place a minute before it ends, and signs in again if the session is ever lost.
 */
export function LoginGate({ children }: { children: ReactNode }) {
  const [gate, setGate] = useState<Gate>({ kind: 'checking' });
  const lang = useUiStore((s) => s.lang);
  const wallToken = useMemo(() => wallTokenOf(window.location.pathname, window.location.search), []);

  const signedIn = useCallback((me: Me) => {
    useSessionStore.getState().setMe(me);
    setGate({ kind: 'signedIn', me });
  }, []);

  const check = useCallback(async (): Promise<number | null> => {
    const r = await checkSession();
    if (r.kind === 'signedIn') {
      signedIn(r.me);
      return null;
    }
    if (r.kind === 'signedOut' && !wallToken) {
      setGate({ kind: 'signedOut', demo: r.demo });
      return null;
    }
    if (r.kind === 'unreachable') {
      setGate({ kind: 'unreachable', wall: false });
      return RETRY_MS;
    }
    try {
      signedIn(await signInWall(wallToken!));
      return null;
    } catch (err) {
      const bad = err instanceof SignInError && err.status === 401;
      setGate({ kind: 'unreachable', wall: bad });
      return bad ? WALL_RETRY_MS : RETRY_MS;
    }
  }, [signedIn, wallToken]);

  // First check, then retries while the server is away (a wall display never gives up).
  useEffect(() => {
    if (gate.kind !== 'checking' && gate.kind !== 'unreachable') return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    void check().then((retry) => {
      if (live && retry !== null) timer = setTimeout(() => live && setGate({ kind: 'checking' }), retry);
    });
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [gate.kind, check]);

  // The wall renews in place before its session ends (trading ?token= for a fresh cookie, no reload, so
  // a server that is down at that moment only delays it: it keeps retrying) and signs straight back in
  // if the console ever reports the session gone.
  const expiresAt = gate.kind === 'signedIn' ? gate.me.expiresAt : null;
  useEffect(() => {
    if (!wallToken || expiresAt === null) return;
    let timer: ReturnType<typeof setTimeout>;
    const renew = () => void signInWall(wallToken).then(signedIn, () => (timer = setTimeout(renew, WALL_RETRY_MS)));
    timer = setTimeout(renew, renewDelay(expiresAt, Date.now()));
    const unsubscribe = useSessionStore.subscribe((s) => {
      if (s.status === 'signedOut') void signInWall(wallToken).then(signedIn, () => setGate({ kind: 'checking' }));
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [wallToken, expiresAt, signedIn]);

  if (gate.kind === 'signedIn') {
    return (
      <>
        {gate.me.demo && <DemoBanner />}
        {children}
      </>
    );
  }
  if (gate.kind === 'signedOut') {
    return (
      <>
        {gate.demo && <DemoBanner />}
        <LoginForm demo={gate.demo} onSignedIn={signedIn} />
      </>
    );
  }
  return (
    <main className="auth-page" data-testid="auth-status" role="status">
      {gate.kind === 'unreachable' && <p>{authText(lang, gate.wall ? 'wallWaiting' : 'unreachable')}</p>}
    </main>
  );
}
