import { Canvas } from '@react-three/fiber';
import { useEffect, useMemo, type ReactNode } from 'react';
import { useTwinStore } from '../stores/useTwinStore';
import { AlarmBeacons } from './AlarmBeacons';
import { AlarmPulses } from './AlarmPulses';
import { Basemap } from './Basemap';
import { BuildingDetail } from './BuildingDetail';
import { BuildingHighlights } from './BuildingHighlights';
import { BuildingLabels } from './BuildingLabels';
import { Buildings } from './Buildings';
import { BuildingState } from './buildingState';
import { CameraRig } from './CameraRig';
import { CellHeat } from './cellHeat';
import { DeviceHalo } from './DeviceHalo';
import { Devices } from './Devices';
import { GridFloor } from './GridFloor';
import { Ground } from './Ground';
import { SceneChrome, useBasemapConfig } from './SceneChrome';
import { SceneContext } from './SceneContext';
import { Surroundings } from './Surroundings';
import { TwinProbe } from './TwinProbe';

const BACKGROUND = '#040a14';

export interface SceneCanvasProps {
  /** Extra scene content for a mode (the wall's patrol, the rating's coverage-gap layer). */
  children?: ReactNode;
  /** false: no orbit controls or fly-to; the mode drives the camera itself (the wall's patrol). */
  controls?: boolean;
}

/** The one persistent Canvas: ground, buildings, labels, devices, overlays and camera. */
export function SceneCanvas({ children, controls = true }: SceneCanvasProps = {}) {
  const compound = useTwinStore((s) => s.compound);
  const index = useTwinStore((s) => s.index);
  const resources = useMemo(
    () =>
      compound
        ? { buildingState: new BuildingState(compound.buildings.length), heat: new BuildingState(compound.buildings.length), cellHeat: new CellHeat() }
        : null,
    [compound],
  );
  useEffect(
    () => () => {
      resources?.buildingState.dispose();
      resources?.heat.dispose();
      resources?.cellHeat.dispose();
    },
    [resources],
  );
  const extent = index ? Math.max(index.bounds.maxX - index.bounds.minX, index.bounds.maxY - index.bounds.minY, 100) : 400;
  const cx = index ? (index.bounds.minX + index.bounds.maxX) / 2 : 0;
  const cz = index ? -(index.bounds.minY + index.bounds.maxY) / 2 : 0;
  const center = useMemo<[number, number]>(() => [cx, cz], [cx, cz]);
  const basemap = useBasemapConfig(!!compound);
  return (
    <>
      <Canvas
        className="scene"
        flat
        dpr={[1, 2]}
        camera={{ fov: 40, near: 1, far: extent * 40, position: [0, extent, extent] }}
        gl={{ antialias: true, powerPreference: 'high-performance' }}
        onCreated={({ gl }) => {
          gl.domElement.dataset.testid = 'scene-canvas';
        }}
        onPointerMissed={() => undefined}
      >
        <color attach="background" args={[BACKGROUND]} />
        <fog attach="fog" args={[BACKGROUND, extent * 1.6, extent * 6]} />
        {/* test builds only (VITE_TEST_PROBE=1): a constant false in `npm run build`, so the probe is not bundled */}
        {import.meta.env.VITE_TEST_PROBE === '1' && <TwinProbe />}
        {compound && resources && (
          <SceneContext.Provider value={resources}>
            <GridFloor center={center} radius={extent * 3} />
            {basemap && <Basemap config={basemap} origin={compound.origin} center={center} extent={extent} />}
            <Surroundings compound={compound} center={center} extent={extent} />
            <Ground compound={compound} />
            <Buildings buildings={compound.buildings} />
            <BuildingHighlights />
            <BuildingLabels />
            <BuildingDetail />
            <Devices />
            <DeviceHalo />
            <AlarmBeacons />
            <AlarmPulses />
            {controls && <CameraRig />}
            {children}
          </SceneContext.Provider>
        )}
      </Canvas>
      <SceneChrome compound={compound} basemap={basemap} legend={controls} />
    </>
  );
}
