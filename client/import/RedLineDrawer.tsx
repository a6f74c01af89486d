import { useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { BufferAttribute, BufferGeometry, Color, Line, LineBasicMaterial, Plane, Points, PointsMaterial, Raycaster, Vector2, Vector3 } from 'three';
import { latLonToLocal, type LatLon } from '../../models/geo';
import { useTwinStore } from '../stores/useTwinStore';

const GROUND = new Plane(new Vector3(0, 1, 0), 0);

/**
 * Drawing the compound's red line on the import preview. While `drawing`, a click on the canvas adds
 * the ground point under it as a corner, through buildings (a corner behind a tower is still on the
 * ground), and the click goes no further (no building gets selected); a drag to orbit adds nothing.
 * Corners are kept in WGS84 by the caller, so they survive a new preview whose origin moved; the line
 * so far is drawn in amber. Nothing here runs per frame.
 */
export function RedLineDrawer({ points, drawing, onAdd }: { points: readonly LatLon[]; drawing: boolean; onAdd: (local: [number, number]) => void }) {
  const compound = useTwinStore((s) => s.compound);
  const camera = useThree((s) => s.camera);
  const gl = useThree((s) => s.gl);
  const lineMat = useMemo(() => new LineBasicMaterial({ color: new Color(0xffb020), depthTest: false }), []);
  const dotMat = useMemo(() => new PointsMaterial({ color: new Color(0xffd84a), size: 9, sizeAttenuation: false, depthTest: false }), []);
  const geometry = useMemo(() => {
    const g = new BufferGeometry();
    if (!compound || !points.length) return g;
    const ring = drawing ? points : [...points, points[0]];
    const pos = new Float32Array(ring.length * 3);
    ring.forEach((p, i) => {
      const [x, y] = latLonToLocal(compound.origin, p);
      pos.set([x, 0.4, -y], i * 3);
    });
    g.setAttribute('position', new BufferAttribute(pos, 3));
    return g;
  }, [compound, points, drawing]);
  const objects = useMemo(() => ({ line: new Line(geometry, lineMat), dots: new Points(geometry, dotMat) }), [geometry, lineMat, dotMat]);
  useEffect(() => () => geometry.dispose(), [geometry]);
  useEffect(
    () => () => {
      lineMat.dispose();
      dotMat.dispose();
    },
    [lineMat, dotMat],
  );

  useEffect(() => {
    if (!drawing) return;
    const el = gl.domElement;
    const ray = new Raycaster();
    const hit = new Vector3();
    let down: { x: number; y: number } | null = null;
    const onDown = (e: PointerEvent) => (down = { x: e.clientX, y: e.clientY });
    const onClick = (e: MouseEvent) => {
      // the click stops here: while drawing, it places a corner and selects nothing
      e.stopPropagation();
      if (down && Math.hypot(e.clientX - down.x, e.clientY - down.y) > 6) return;
      const r = el.getBoundingClientRect();
      ray.setFromCamera(new Vector2(((e.clientX - r.left) / r.width) * 2 - 1, -((e.clientY - r.top) / r.height) * 2 + 1), camera);
      if (!ray.ray.intersectPlane(GROUND, hit)) return;
      onAdd([Math.round(hit.x * 10) / 10, Math.round(-hit.z * 10) / 10]);
    };
    el.addEventListener('pointerdown', onDown);
    el.addEventListener('click', onClick);
    return () => {
      el.removeEventListener('pointerdown', onDown);
      el.removeEventListener('click', onClick);
    };
  }, [drawing, gl, camera, onAdd]);

  if (!compound || !points.length) return null;
  return (
    <group>
      <primitive object={objects.line} renderOrder={20} raycast={() => null} />
      <primitive object={objects.dots} renderOrder={21} raycast={() => null} />
    </group>
  );
}
