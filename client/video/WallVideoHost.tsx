import { lazy, Suspense } from 'react';
import { usePatrolStore } from '../wall/usePatrolStore';

// the players load when the patrol first turns to an alarm
const WallCameras = lazy(() => import('./WallCameras'));

/** The wall's hook into video: while the patrol dwells on an alarm, its cameras show live beside the 3D. */
export function WallVideoHost() {
  const alarmId = usePatrolStore((s) => (s.kind === 'alarm' ? s.alarmId : null));
  if (alarmId === null) return null;
  return (
    <Suspense fallback={null}>
      <WallCameras alarmId={alarmId} />
    </Suspense>
  );
}
