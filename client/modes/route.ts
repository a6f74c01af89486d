import { useSyncExternalStore } from 'react';

export type Mode = 'console' | 'wall' | 'rating' | 'import' | 'district' | 'operations' | 'repair';

export interface Route {
  mode: Mode;
  compoundId: string;
}

export const DEFAULT_COMPOUND = 'yaguang-xincun';

const ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** `/` console, `/wall`, `/rating`, `/import` (admins), `/district`, `/operations`, `/repair` (residents, no sign-in); `?compound=<id>` picks the compound. */
export function parseRoute(pathname: string, search: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  const mode: Mode = path.endsWith('/wall')
    ? 'wall'
    : path.endsWith('/rating')
      ? 'rating'
      : path.endsWith('/import')
        ? 'import'
        : path.endsWith('/district')
          ? 'district'
          : path.endsWith('/operations')
            ? 'operations'
            : path.endsWith('/repair')
              ? 'repair'
              : 'console';
  const q = new URLSearchParams(search).get('compound')?.trim();
  const compoundId = q && ID.test(q) ? q : DEFAULT_COMPOUND;
  return { mode, compoundId };
}

/** The same location with `?compound=` set to `compoundId` (other parameters and the hash kept). */
export function withCompound(pathname: string, search: string, hash: string, compoundId: string): string {
  const q = new URLSearchParams(search);
  q.set('compound', compoundId);
  return `${pathname}?${q}${hash}`;
}

const CHANGE = 'ct:routechange';
const listeners = new Set<() => void>();

function subscribe(cb: () => void): () => void {
  listeners.add(cb);
  if (listeners.size === 1) {
    window.addEventListener('popstate', notify);
    window.addEventListener(CHANGE, notify);
  }
  return () => {
    listeners.delete(cb);
    if (listeners.size === 0) {
      window.removeEventListener('popstate', notify);
      window.removeEventListener(CHANGE, notify);
    }
  };
}

function notify(): void {
  for (const cb of listeners) cb();
}

const locationKey = () => `${window.location.pathname}${window.location.search}`;

/** The route of the current URL; re-renders on back/forward and on `navigateCompound`. */
export function useRoute(): Route {
  const key = useSyncExternalStore(subscribe, locationKey, () => '/');
  const [pathname, search = ''] = key.split(/(?=\?)/);
  return parseRoute(pathname, search);
}

/** Shows another compound without reloading the page: `?compound=` changes (a history entry) and the mode reloads its twin. */
export function navigateCompound(compoundId: string): void {
  if (!ID.test(compoundId)) return;
  const { pathname, search, hash } = window.location;
  const next = withCompound(pathname, search, hash, compoundId);
  if (next === `${pathname}${search}${hash}`) return;
  window.history.pushState(null, '', next);
  window.dispatchEvent(new Event(CHANGE));
}

/** Opens another page of the app (`/district`, or a compound's console `/?compound=`) without reloading: a history entry, and the modes re-render. */
export function navigatePath(url: string): void {
  if (!url.startsWith('/') || url.startsWith('//')) return;
  const { pathname, search, hash } = window.location;
  // the language choice rides along, as navigateCompound keeps other parameters
  const lang = new URLSearchParams(search).get('lang');
  const next = new URL(url, window.location.origin);
  if (lang && !next.searchParams.has('lang')) next.searchParams.set('lang', lang);
  const target = `${next.pathname}${next.search}${next.hash}`;
  if (target === `${pathname}${search}${hash}`) return;
  window.history.pushState(null, '', target);
  window.dispatchEvent(new Event(CHANGE));
}
