import { lazy, Suspense, useEffect } from 'react';
import { ConsoleMode } from './modes/ConsoleMode';
import { useRoute } from './modes/route';
import { useUiStore } from './stores/useUiStore';

// The wall and the rating report load on their own: the console's initial JS carries neither.
const WallMode = lazy(() => import('./modes/WallMode').then((m) => ({ default: m.WallMode })));
const RatingMode = lazy(() => import('./modes/RatingMode').then((m) => ({ default: m.RatingMode })));
const ImportMode = lazy(() => import('./modes/ImportMode').then((m) => ({ default: m.ImportMode })));
const DistrictMode = lazy(() => import('./district/DistrictMode').then((m) => ({ default: m.DistrictMode })));
const OperationsMode = lazy(() => import('./operations/OperationsMode').then((m) => ({ default: m.OperationsMode })));

/** Picks the mode from the path: `/` console, `/wall` wall display, `/rating` star-rating report. */
export function App() {
  const route = useRoute();
  const lang = useUiStore((s) => s.lang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  if (route.mode === 'wall')
    return (
      <Suspense fallback={null}>
        <WallMode compoundId={route.compoundId} />
      </Suspense>
    );
  if (route.mode === 'rating')
    return (
      <Suspense fallback={null}>
        <RatingMode compoundId={route.compoundId} />
      </Suspense>
    );
  if (route.mode === 'import')
    return (
      <Suspense fallback={null}>
        <ImportMode />
      </Suspense>
    );
  if (route.mode === 'district')
    return (
      <Suspense fallback={null}>
        <DistrictMode />
      </Suspense>
    );
  if (route.mode === 'operations')
    return (
      <Suspense fallback={null}>
        <OperationsMode compoundId={route.compoundId} />
      </Suspense>
    );
  return <ConsoleMode compoundId={route.compoundId} />;
}
