import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import {
  BufferAttribute,
  BufferGeometry,
  Color,
  DynamicDrawUsage,
  InstancedMesh,
  Line,
  LineBasicMaterial,
  LineSegments,
  MeshBasicMaterial,
  Object3D,
  Plane,
  Raycaster,
  RingGeometry,
  Vector2,
  Vector3,
} from 'three';
import type { CommandState } from '../../models/commands';
import type { Point2 } from '../../models/geo';
import { sceneFx } from '../scene/coords';
import { deviceWorldPosition, shapeCenterY } from '../scene/deviceLocator';
import { liveStore } from '../stores/liveStore';
import { buildingHeight } from '../stores/twinIndex';
import { useOpsStore } from '../stores/useOpsStore';
import { useOverlayStore } from '../stores/useOverlayStore';
import { useReplayStore } from '../stores/useReplayStore';
import { useTwinStore } from '../stores/useTwinStore';
import { alarmPoint, thinRing } from './placeDraft';
import { ringFx } from './commandFx';
import { STATE_COLOURS, useCommandStore } from './useCommandStore';
import './commands.css';

const CAPACITY = 500;
const LASSO_MAX = 1200;
const CIRCLE_SEG = 96;

/** The broadcast tool in the scene (operators): the lasso and circle, chosen buildings' outlines, rings over targeted devices. */
export default function CommandScene() {
  useEffect(() => {
    if (import.meta.env.VITE_TEST_PROBE !== '1') return;
    window.__commands = {
      rings: () => Object.fromEntries(ringFx.ids.map((id, i) => [id, ringFx.states[i]])),
      plates: () => [...ringFx.plates],
      updates: () => ringFx.updates,
    };
    return () => void delete window.__commands;
  }, []);
  const open = useOverlayStore((s) => s.broadcast);
  return (
    <>
      {open && <PlaceShapes />}
      <DeliveryRings />
    </>
  );
}

/** The lasso (drawn with the pointer on the ground), the near-alarm circle and the chosen buildings' outlines. */
function PlaceShapes() {
  const gl = useThree((s) => s.gl);
  const camera = useThree((s) => s.camera);
  const index = useTwinStore((s) => s.index);
  const mode = useCommandStore((s) => s.draft.mode);
  const drawing = useCommandStore((s) => s.draft.drawing);
  const res = useMemo(() => {
    const lassoGeo = new BufferGeometry();
    lassoGeo.setAttribute('position', new BufferAttribute(new Float32Array((LASSO_MAX + 1) * 3), 3).setUsage(DynamicDrawUsage));
    lassoGeo.setDrawRange(0, 0);
    const circleGeo = new BufferGeometry();
    const c = new Float32Array((CIRCLE_SEG + 1) * 3);
    for (let i = 0; i <= CIRCLE_SEG; i++) {
      const a = (i / CIRCLE_SEG) * Math.PI * 2;
      c.set([Math.cos(a), 0, Math.sin(a)], i * 3);
    }
    circleGeo.setAttribute('position', new BufferAttribute(c, 3));
    const lineMat = new LineBasicMaterial({ color: 0xffb020, transparent: true, depthTest: false, depthWrite: false });
    const outlineMat = new LineBasicMaterial({ color: 0x3fd0ff, transparent: true, opacity: 0.95, depthTest: false, depthWrite: false });
    const outlineGeo = new BufferGeometry();
    const lasso = new Line(lassoGeo, lineMat);
    const circle = new Line(circleGeo, lineMat);
    const outlines = new LineSegments(outlineGeo, outlineMat);
    for (const o of [lasso, circle, outlines]) {
      o.renderOrder = 18;
      o.frustumCulled = false;
      o.raycast = () => undefined;
    }
    return { lassoGeo, circleGeo, outlineGeo, lineMat, outlineMat, lasso, circle, outlines };
  }, []);
  useEffect(
    () => () => {
      res.lassoGeo.dispose();
      res.circleGeo.dispose();
      res.outlineGeo.dispose();
      res.lineMat.dispose();
      res.outlineMat.dispose();
    },
    [res],
  );

  // the committed place drawn again whenever the draft changes (not per frame). The outlines' buffer holds every
  // building of the compound once (made per compound; the old one's GPU buffer is freed), so a draft change uploads
  // into it instead of making a new one.
  useEffect(() => {
    let verts = 0;
    for (const b of index?.buildingById.values() ?? []) verts += b.footprint.length * 6;
    res.outlineGeo.dispose();
    const outlineAttr = new BufferAttribute(new Float32Array(Math.max(1, verts) * 3), 3).setUsage(DynamicDrawUsage);
    const out = outlineAttr.array as Float32Array;
    res.outlineGeo.setAttribute('position', outlineAttr);
    res.outlineGeo.setDrawRange(0, 0);
    const writeRing = (ring: readonly Point2[], close: boolean) => {
      const pos = res.lassoGeo.getAttribute('position') as BufferAttribute;
      const n = Math.min(ring.length, LASSO_MAX);
      for (let i = 0; i < n; i++) pos.setXYZ(i, ring[i][0], 0.4, -ring[i][1]);
      if (close && n >= 3) pos.setXYZ(n, ring[0][0], 0.4, -ring[0][1]);
      pos.needsUpdate = true;
      res.lassoGeo.setDrawRange(0, close && n >= 3 ? n + 1 : n);
    };
    const draw = () => {
      const { draft } = useCommandStore.getState();
      writeRing(draft.mode === 'polygon' ? draft.ring : [], true);
      const doc = useTwinStore.getState().compound;
      const at = draft.mode === 'near' && draft.alarmId !== null && doc ? alarmPoint(doc, useOpsStore.getState().alarms, draft.alarmId) : undefined;
      res.circle.visible = !!at;
      if (at) {
        res.circle.position.set(at[0], 0.4, -at[1]);
        res.circle.scale.setScalar(draft.radiusM);
      }
      // the chosen buildings' footprints at the ground and the roof, joined at the corners (into the buffer sized for all)
      let n = 0;
      if (draft.mode === 'buildings' && index)
        for (const id of draft.buildingIds) {
          const b = index.buildingById.get(id);
          if (!b) continue;
          const h = buildingHeight(b) + 0.3;
          const r = b.footprint;
          for (let i = 0; i < r.length; i++) {
            const p = r[i];
            const q = r[(i + 1) % r.length];
            out.set([p[0], 0.3, -p[1], q[0], 0.3, -q[1], p[0], h, -p[1], q[0], h, -q[1], p[0], 0.3, -p[1], p[0], h, -p[1]], n * 3);
            n += 6;
          }
        }
      outlineAttr.needsUpdate = true;
      res.outlineGeo.setDrawRange(0, n);
    };
    draw();
    const unsub = useCommandStore.subscribe((s, p) => s.draft !== p.draft && draw());
    return unsub;
  }, [res, index]);

  // The click the browser sends after a lasso stroke's release must not select a building (or a device) under it.
  const swallowClickUntil = useRef(0);
  useEffect(() => {
    const el = gl.domElement;
    const click = (e: MouseEvent) => {
      if (performance.now() > swallowClickUntil.current) return;
      swallowClickUntil.current = 0;
      e.stopImmediatePropagation();
      e.preventDefault();
    };
    el.addEventListener('click', click, true);
    return () => el.removeEventListener('click', click, true);
  }, [gl]);

  // Lasso: press, drag and release on the canvas; the points are projected to the ground plane (local metres). The
  // listeners run in the capture phase on the canvas so the camera controls and the scene's clicks wait meanwhile.
  // A stroke cancelled by the browser (pointercancel, capture lost) or by Esc (the panel ends `drawing`) is dropped.
  useEffect(() => {
    if (mode !== 'polygon' || !drawing) return;
    const el = gl.domElement;
    const ndc = new Vector2();
    const ray = new Raycaster();
    const ground = new Plane(new Vector3(0, 1, 0), 0);
    const hit = new Vector3();
    const pts: Point2[] = [];
    let pointer: number | null = null;
    const project = (e: PointerEvent): Point2 | null => {
      const r = el.getBoundingClientRect();
      ndc.set(((e.clientX - r.left) / r.width) * 2 - 1, -((e.clientY - r.top) / r.height) * 2 + 1);
      ray.setFromCamera(ndc, camera);
      return ray.ray.intersectPlane(ground, hit) ? [hit.x, -hit.z] : null;
    };
    const pos = res.lassoGeo.getAttribute('position') as BufferAttribute;
    const add = (p: Point2 | null) => {
      if (!p || pts.length >= LASSO_MAX) return;
      const q = pts[pts.length - 1];
      if (q && Math.hypot(p[0] - q[0], p[1] - q[1]) < 0.5) return;
      pos.setXYZ(pts.length, p[0], 0.4, -p[1]);
      pts.push(p);
      pos.needsUpdate = true;
      res.lassoGeo.setDrawRange(0, pts.length);
    };
    const down = (e: PointerEvent) => {
      if (e.button !== 0) return;
      e.stopImmediatePropagation();
      e.preventDefault();
      pointer = e.pointerId;
      el.setPointerCapture(e.pointerId);
      pts.length = 0;
      add(project(e));
    };
    const move = (e: PointerEvent) => {
      if (pointer !== e.pointerId) return;
      e.stopImmediatePropagation();
      add(project(e));
    };
    const up = (e: PointerEvent) => {
      if (pointer !== e.pointerId) return;
      e.stopImmediatePropagation();
      pointer = null;
      if (el.hasPointerCapture(e.pointerId)) el.releasePointerCapture(e.pointerId);
      add(project(e));
      swallowClickUntil.current = performance.now() + 500;
      const ring = thinRing(pts);
      useCommandStore.getState().setDraft(ring.length >= 3 ? { ring, drawing: false } : { ring: [] });
    };
    /** The stroke ends without a place: what was drawn so far goes, the committed ring (if any) shows again. */
    const abort = () => {
      if (pointer === null) return;
      const id = pointer;
      pointer = null;
      pts.length = 0;
      if (el.hasPointerCapture(id)) el.releasePointerCapture(id);
      const { draft } = useCommandStore.getState();
      useCommandStore.getState().setDraft({ ring: [...draft.ring] });
    };
    const cancel = (e: PointerEvent) => {
      if (pointer !== e.pointerId) return;
      e.stopImmediatePropagation();
      abort();
    };
    el.addEventListener('pointerdown', down, true);
    el.addEventListener('pointermove', move, true);
    el.addEventListener('pointerup', up, true);
    el.addEventListener('pointercancel', cancel, true);
    el.addEventListener('lostpointercapture', cancel, true);
    el.style.cursor = 'crosshair';
    return () => {
      el.removeEventListener('pointerdown', down, true);
      el.removeEventListener('pointermove', move, true);
      el.removeEventListener('pointerup', up, true);
      el.removeEventListener('pointercancel', cancel, true);
      el.removeEventListener('lostpointercapture', cancel, true);
      el.style.cursor = '';
      // ended mid-stroke (Esc, another mode, the tool closed): the stroke is dropped
      if (pointer !== null) {
        if (el.hasPointerCapture(pointer)) el.releasePointerCapture(pointer);
        pointer = null;
        swallowClickUntil.current = performance.now() + 500;
      }
    };
  }, [mode, drawing, gl, camera, res]);

  // Buildings: a click on a building adds or removes it instead of selecting it
  useEffect(() => {
    if (mode !== 'buildings') return;
    sceneFx.pickBuilding = (id) => {
      useCommandStore.getState().toggleBuilding(id);
      return true;
    };
    return () => {
      sceneFx.pickBuilding = null;
    };
  }, [mode]);

  return (
    <>
      <primitive object={res.lasso} />
      <primitive object={res.circle} />
      <primitive object={res.outlines} />
    </>
  );
}

/**
 * A ring above each targeted device, coloured by its command's state. Colours change through store subscriptions
 * (imperatively, no React render); positions follow the marker scale and an exploded building in useFrame, only
 * when those changed, with nothing allocated.
 */
function DeliveryRings() {
  const index = useTwinStore((s) => s.index);
  const res = useMemo(() => {
    const geo = new RingGeometry(1.0, 1.5, 40).rotateX(-Math.PI / 2);
    const mat = new MeshBasicMaterial({ transparent: true, opacity: 0.95, depthTest: false, depthWrite: false, toneMapped: false });
    const mesh = new InstancedMesh(geo, mat, CAPACITY);
    const c = new Color();
    for (let i = 0; i < CAPACITY; i++) mesh.setColorAt(i, c);
    mesh.count = 0;
    mesh.frustumCulled = false;
    mesh.renderOrder = 19;
    mesh.raycast = () => undefined;
    return { geo, mat, mesh, colour: new Color(), dummy: new Object3D(), v: new Vector3() };
  }, []);
  useEffect(
    () => () => {
      res.geo.dispose();
      res.mat.dispose();
      res.mesh.dispose();
    },
    [res],
  );
  const placed = useRef<{ scale: number; explode: number; building: number; floor: number | null }>({ scale: -1, explode: -1, building: -2, floor: -2 });
  const placeRef = useRef<(() => void) | null>(null);

  useEffect(() => {
    if (!index) return;
    const place = () => {
      const { mesh, dummy, v } = res;
      const s = sceneFx.markerScale;
      for (let i = 0; i < ringFx.ids.length; i++) {
        const d = index.deviceById.get(ringFx.ids[i]);
        if (d && deviceWorldPosition(index, d.id, v)) {
          dummy.position.set(v.x, v.y + (shapeCenterY(d.type) * 2 + 1.2) * s, v.z);
          dummy.scale.setScalar(Math.max(1, s * 1.2));
        } else {
          // a device this compound lacks (a broadcast of another one, a stale replay row): no ring, none at the origin
          dummy.position.set(0, 0, 0);
          dummy.scale.setScalar(0);
        }
        dummy.updateMatrix();
        mesh.setMatrixAt(i, dummy.matrix);
      }
      mesh.instanceMatrix.needsUpdate = true;
      placed.current.scale = s;
      placed.current.explode = sceneFx.explode;
      placed.current.building = sceneFx.explodeBuilding;
      placed.current.floor = sceneFx.explodeFloor;
    };
    const paint = () => {
      const replay = useReplayStore.getState();
      const cmd = useCommandStore.getState();
      const open = useOverlayStore.getState().broadcast;
      const ids = ringFx.ids;
      const states = ringFx.states;
      ids.length = 0;
      states.length = 0;
      if (replay.active) {
        // the states at the replayed moment: the latest command per device
        const best = new Map<string, { id: number; state: CommandState }>();
        for (const c of replay.commands) {
          const b = best.get(c.deviceId);
          if (!b || c.id > b.id) best.set(c.deviceId, { id: c.id, state: c.state });
        }
        for (const [id, b] of best) {
          ids.push(id);
          states.push(b.state);
        }
      } else if (cmd.current) {
        for (const [id, d] of cmd.delivery) {
          ids.push(id);
          states.push(d.state);
        }
      } else if (open) {
        const live = liveStore.getState().devices;
        for (const id of cmd.preview) {
          ids.push(id);
          states.push(live.get(id)?.status === 'offline' ? 'previewOffline' : 'preview');
        }
      }
      if (ids.length > CAPACITY) {
        ids.length = CAPACITY;
        states.length = CAPACITY;
      }
      const { mesh, colour } = res;
      for (let i = 0; i < states.length; i++) mesh.setColorAt(i, colour.setHex(STATE_COLOURS[states[i]]));
      if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
      mesh.count = ids.length;
      ringFx.updates++;
      place();
    };
    paint();
    const u1 = useCommandStore.subscribe((s, p) => {
      if (s.rev !== p.rev || s.preview !== p.preview || s.current !== p.current) paint();
    });
    const u2 = useReplayStore.subscribe((s, p) => {
      if (s.active !== p.active || s.commands !== p.commands) paint();
    });
    const u3 = useOverlayStore.subscribe((s, p) => s.broadcast !== p.broadcast && paint());
    placeRef.current = place;
    return () => {
      u1();
      u2();
      u3();
      res.mesh.count = 0;
      ringFx.ids.length = 0;
      ringFx.states.length = 0;
      placeRef.current = null;
    };
  }, [index, res]);

  useFrame(() => {
    const p = placed.current;
    if (res.mesh.count === 0) return;
    if (p.scale !== sceneFx.markerScale || p.explode !== sceneFx.explode || p.building !== sceneFx.explodeBuilding || p.floor !== sceneFx.explodeFloor)
      placeRef.current?.();
  });
  return <primitive object={res.mesh} />;
}
