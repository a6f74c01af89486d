import { useEffect, useMemo } from 'react';
import { Color, DoubleSide, LineBasicMaterial, MeshBasicMaterial } from 'three';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { fillAndEdges, positionGeometry } from './flatGeometry';
import { sceneStats } from './sceneStats';
import { viewConeArrays } from './viewConeGeometry';

const CONE = new Color(0x38bdf8);
const PICKED = new Color(0x7dd3fc);

/** The cones of ViewCones (loaded only once the layer is switched on: the geometry code stays out of the first load). */
export default function ViewConeMeshes() {
  const compound = useTwinStore((s) => s.compound);
  const selected = useUiStore((s) => s.selection.deviceId);
  const built = useMemo(() => {
    if (!compound) return null;
    const a = viewConeArrays(compound);
    sceneStats.viewCones = a.cameras.size;
    sceneStats.viewConeTriangles = a.index.length / 3;
    return { ...fillAndEdges(a), cameras: a.cameras };
  }, [compound]);
  // The selected camera's fan, copied out of the merged arrays (a few dozen vertices, on selection only).
  const picked = useMemo(() => {
    const r = selected && built ? built.cameras.get(selected) : undefined;
    if (!r || !built) return null;
    const pos = (built.fill.getAttribute('position').array as Float32Array).slice(r.vertex * 3, (r.vertex + r.vertices) * 3);
    const idx = (built.fill.getIndex()!.array as Uint32Array).slice(r.start, r.start + r.count).map((i) => i - r.vertex);
    return positionGeometry(pos, idx);
  }, [selected, built]);
  useEffect(() => {
    sceneStats.viewConeSelected = picked ? (selected ?? '') : '';
  }, [picked, selected]);
  const mats = useMemo(
    () => ({
      fill: new MeshBasicMaterial({ color: CONE, transparent: true, opacity: 0.16, depthWrite: false, side: DoubleSide }),
      line: new LineBasicMaterial({ color: CONE, transparent: true, opacity: 0.55 }),
      picked: new MeshBasicMaterial({ color: PICKED, transparent: true, opacity: 0.42, depthWrite: false, side: DoubleSide }),
    }),
    [],
  );
  useEffect(
    () => () => {
      built?.fill.dispose();
      built?.edges.dispose();
      if (built) ((sceneStats.viewCones = 0), (sceneStats.viewConeTriangles = 0));
    },
    [built],
  );
  useEffect(() => () => picked?.dispose(), [picked]);
  useEffect(
    () => () => {
      mats.fill.dispose();
      mats.line.dispose();
      mats.picked.dispose();
    },
    [mats],
  );
  if (!built) return null;
  return (
    <group>
      <mesh geometry={built.fill} material={mats.fill} renderOrder={6} raycast={() => null} />
      <lineSegments geometry={built.edges} material={mats.line} renderOrder={7} raycast={() => null} />
      {picked && <mesh geometry={picked} material={mats.picked} renderOrder={7} raycast={() => null} />}
    </group>
  );
}
