export type Mode = 'console' | 'wall' | 'rating';

export interface Route {
  mode: Mode;
  compoundId: string;
}

export const DEFAULT_COMPOUND = 'yaguang-xincun';

/** `/` console, `/wall`, `/rating`; `?compound=<id>` picks the compound. */
export function parseRoute(pathname: string, search: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  const mode: Mode = path.endsWith('/wall') ? 'wall' : path.endsWith('/rating') ? 'rating' : 'console';
  const q = new URLSearchParams(search).get('compound')?.trim();
  const compoundId = q && /^[a-z0-9][a-z0-9_-]{0,63}$/.test(q) ? q : DEFAULT_COMPOUND;
  return { mode, compoundId };
}
