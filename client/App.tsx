import { useEffect } from 'react';
import { ConsoleMode } from './modes/ConsoleMode';
import { parseRoute } from './modes/route';
import { useUiStore } from './stores/useUiStore';

/** Picks the mode from the path; /wall and /rating show the console until their modes exist. */
export function App() {
  const route = parseRoute(window.location.pathname, window.location.search);
  const lang = useUiStore((s) => s.lang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  return <ConsoleMode compoundId={route.compoundId} />;
}
