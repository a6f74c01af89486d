import { lazy, Suspense } from 'react';
import { useOverlayStore } from '../stores/useOverlayStore';

const ViewConeMeshes = lazy(() => import('./ViewConeMeshes'));

/**
 * Where every camera looks: its view polygon on the ground (clipped by buildings), one merged translucent
 * mesh and one outline for all cameras, built once per compound; the selected camera's cone drawn brighter.
 * `always`: drawn regardless of the console's switch (the rating's coverage view).
 */
export function ViewCones({ always = false }: { always?: boolean }) {
  const on = useOverlayStore((s) => s.on.viewCones);
  if (!on && !always) return null;
  return (
    <Suspense fallback={null}>
      <ViewConeMeshes />
    </Suspense>
  );
}
