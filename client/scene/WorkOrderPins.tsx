import { useFrame, type ThreeEvent } from '@react-three/fiber';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { Color, InstancedBufferAttribute, type InstancedMesh, type Intersection, Matrix4, type Raycaster, Sphere, Vector3 } from 'three';
import type { WorkOrder } from '../../models/workOrder';
import { overlayFx } from '../overlays/overlayFx';
import { useOpsStore } from '../stores/useOpsStore';
import { useOverlayStore } from '../stores/useOverlayStore';
import { useTwinStore } from '../stores/useTwinStore';
import { useWorkOrderUiStore } from '../stores/useWorkOrderUiStore';
import { sceneFx } from './coords';
import { createPinMaterial } from './pinMaterial';
import { buildPinGeometry, PIN_COLORS, PIN_HEAD_Y, pinScale, pinSide } from './pinShape';
import { pinWorldPosition } from './pinLocator';

const CAPACITY = 1024;
const _m = new Matrix4();
const _p = new Vector3();
const _c = new Color();
const _right = new Vector3();
const _hit = new Vector3();
const _sphere = new Sphere();
/** Head radius (pinShape) with some slack for the pointer. */
const HEAD_PICK_R = 1.25 * 1.5;

/**
 * Picks pins by their heads where they are drawn (leaning sideways in view space, pinMaterial), not by
 * the upright stem the geometry holds: the pin never takes a click meant for the device it stands on.
 * A pin is drawn over everything, so a hit on its head comes first (distance 0).
 */
function raycastPinHeads(this: InstancedMesh, raycaster: Raycaster, hits: Intersection[]): void {
  const cam = raycaster.camera;
  if (!cam || !this.visible) return;
  _right.setFromMatrixColumn(cam.matrixWorld, 0).normalize();
  const k = pinScale(sceneFx.markerScale);
  const side = pinSide(sceneFx.markerScale);
  for (let i = 0; i < this.count; i++) {
    this.getMatrixAt(i, _m);
    _sphere.center.setFromMatrixPosition(_m);
    _sphere.center.y += PIN_HEAD_Y * k;
    _sphere.center.addScaledVector(_right, side);
    _sphere.radius = HEAD_PICK_R * k;
    if (raycaster.ray.intersectSphere(_sphere, _hit)) hits.push({ distance: 0, point: _hit.clone(), object: this, instanceId: i });
  }
}

/** Work-order pins in 3D, coloured by status, overdue ones bobbing (one draw call); a click opens the order. */
export function WorkOrderPins() {
  const ref = useRef<InstancedMesh>(null);
  const overdue = useMemo(() => new InstancedBufferAttribute(new Float32Array(CAPACITY), 1), []);
  const geometry = useMemo(() => buildPinGeometry().setAttribute('aOverdue', overdue), [overdue]);
  const material = useMemo(createPinMaterial, []);
  // the orders behind instances 0..count-1 (reused array), and what they were placed for
  const state = useRef({ orders: [] as WorkOrder[], explode: -1, building: -2, scale: -1 });

  // reads the stores and refs when called: stable, so the subscriptions below are made once
  const place = useCallback(() => {
    const mesh = ref.current;
    const index = useTwinStore.getState().index;
    if (!mesh || !index) return;
    const s = state.current;
    s.orders.length = 0;
    const k = pinScale(sceneFx.markerScale);
    if (useOverlayStore.getState().on.pins) {
      for (const w of useOpsStore.getState().workOrders) {
        if (s.orders.length >= CAPACITY) break;
        if (!pinWorldPosition(index, w, _p)) continue;
        const i = s.orders.length;
        _m.makeScale(k, k, k).setPosition(_p);
        mesh.setMatrixAt(i, _m);
        mesh.setColorAt(i, _c.setHex(PIN_COLORS[w.status]));
        overdue.setX(i, w.overdue ? 1 : 0);
        s.orders.push(w);
      }
    }
    mesh.count = s.orders.length;
    mesh.visible = mesh.count > 0;
    mesh.instanceMatrix.needsUpdate = true;
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
    overdue.needsUpdate = true;
    mesh.boundingSphere = null;
    overlayFx.workOrderPins = mesh.count;
  }, [overdue]);

  useLayoutEffect(() => {
    const mesh = ref.current;
    if (mesh && !mesh.instanceColor) mesh.instanceColor = new InstancedBufferAttribute(new Float32Array(CAPACITY * 3), 3);
    place();
    const unsubOps = useOpsStore.subscribe((s, p) => s.workOrders !== p.workOrders && place());
    const unsubTwin = useTwinStore.subscribe((s, p) => s.index !== p.index && place());
    const unsubOn = useOverlayStore.subscribe((s, p) => s.on.pins !== p.on.pins && place());
    return () => {
      unsubOps();
      unsubTwin();
      unsubOn();
      overlayFx.workOrderPins = 0;
    };
  }, [place]);

  useFrame((st) => {
    material.uniforms.uTime.value = st.clock.elapsedTime;
    material.uniforms.uSide.value = pinSide(sceneFx.markerScale);
    // re-placed only when the marker scale steps or an exploded building moves its devices
    const s = state.current;
    if (s.explode !== sceneFx.explode || s.building !== sceneFx.explodeBuilding || s.scale !== sceneFx.markerScale) {
      s.explode = sceneFx.explode;
      s.building = sceneFx.explodeBuilding;
      s.scale = sceneFx.markerScale;
      if (s.orders.length) place();
    }
  });

  useEffect(
    () => () => {
      geometry.dispose();
      material.dispose();
    },
    [geometry, material],
  );

  const onClick = (e: ThreeEvent<MouseEvent>) => {
    const w = e.instanceId === undefined ? undefined : state.current.orders[e.instanceId];
    if (!w || e.delta > 6) return;
    e.stopPropagation();
    useWorkOrderUiStore.getState().open(w.id);
  };
  return <instancedMesh ref={ref} args={[geometry, material, CAPACITY]} frustumCulled={false} renderOrder={11} raycast={raycastPinHeads} onClick={onClick} />;
}
