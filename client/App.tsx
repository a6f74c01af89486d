import { useEffect } from 'react';
import { ConsoleMode } from './modes/ConsoleMode';
import { RatingMode } from './modes/RatingMode';
import { WallMode } from './modes/WallMode';
import { parseRoute } from './modes/route';
import { useUiStore } from './stores/useUiStore';

/** Picks the mode from the path: `/` console, `/wall` wall display, `/rating` star-rating report. */
export function App() {
  const route = parseRoute(window.location.pathname, window.location.search);
  const lang = useUiStore((s) => s.lang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  if (route.mode === 'wall') return <WallMode compoundId={route.compoundId} />;
  if (route.mode === 'rating') return <RatingMode compoundId={route.compoundId} />;
  return <ConsoleMode compoundId={route.compoundId} />;
}
