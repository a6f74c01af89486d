import { lazy, Suspense } from 'react';
import { can } from '../../models/auth';
import { useSessionStore } from '../stores/useSessionStore';
import { HeatmapLayer } from './HeatmapLayer';
import { PlacementPicker } from './PlacementPicker';
import { ViewCones } from './ViewCones';
import { WorkOrderPins } from './WorkOrderPins';

/** The console's own overlays inside the Canvas (alarm markers are on every screen, in SceneCanvas). */
// the broadcast tool's scene layers (lasso, targeted-device rings): their own chunk, loaded after the scene and only
// for those who may operate; the screens' notices (what GET /screens shows any reader) are a smaller one of their own
const CommandScene = lazy(() => import('../commands/CommandScene'));
const ScreenPlates = lazy(() => import('../commands/ScreenPlates'));

export function ConsoleOverlays() {
  const canOperate = useSessionStore((s) => !!s.me && !s.me.masked && can(s.me.user, 'operate'));
  const signedIn = useSessionStore((s) => !!s.me);
  return (
    <>
      <HeatmapLayer />
      <ViewCones />
      <WorkOrderPins />
      <PlacementPicker />
      <Suspense fallback={null}>
        {canOperate && <CommandScene />}
        {signedIn && <ScreenPlates />}
      </Suspense>
    </>
  );
}
