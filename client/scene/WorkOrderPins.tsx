import { useFrame, type ThreeEvent } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { Color, InstancedBufferAttribute, type InstancedMesh, Matrix4, Vector3 } from 'three';
import type { WorkOrder } from '../../models/workOrder';
import { overlayFx } from '../overlays/overlayFx';
import { useOpsStore } from '../stores/useOpsStore';
import { useOverlayStore } from '../stores/useOverlayStore';
import { useTwinStore } from '../stores/useTwinStore';
import { useWorkOrderUiStore } from '../stores/useWorkOrderUiStore';
import { sceneFx } from './coords';
import { createPinMaterial } from './pinMaterial';
import { buildPinGeometry, PIN_COLORS, pinScale } from './pinShape';
import { pinWorldPosition } from './pinLocator';

const CAPACITY = 1024;
const _m = new Matrix4();
const _p = new Vector3();
const _c = new Color();

/** Work-order pins in 3D, coloured by status, overdue ones bobbing (one draw call); a click opens the order. */
export function WorkOrderPins() {
  const ref = useRef<InstancedMesh>(null);
  const overdue = useMemo(() => new InstancedBufferAttribute(new Float32Array(CAPACITY), 1), []);
  const geometry = useMemo(() => buildPinGeometry().setAttribute('aOverdue', overdue), [overdue]);
  const material = useMemo(createPinMaterial, []);
  // the orders behind instances 0..count-1 (reused array), and what they were placed for
  const state = useRef({ orders: [] as WorkOrder[], explode: -1, building: -2, scale: -1 });

  const place = () => {
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
  };

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
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  useFrame((st) => {
    material.uniforms.uTime.value = st.clock.elapsedTime;
    // re-placed only when the marker scale steps or an exploded building moves its devices
    const s = state.current;
    if (s.explode !== sceneFx.explode || s.building !== sceneFx.explodeBuilding || s.scale !== sceneFx.markerScale) {
      s.explode = sceneFx.explode;
      s.building = sceneFx.explodeBuilding;
      s.scale = sceneFx.markerScale;
      if (s.orders.length) place();
    }
  });

  useEffect(() => () => {
    geometry.dispose();
    material.dispose();
  }, [geometry, material]);

  const onClick = (e: ThreeEvent<MouseEvent>) => {
    const w = e.instanceId === undefined ? undefined : state.current.orders[e.instanceId];
    if (!w || e.delta > 6) return;
    e.stopPropagation();
    useWorkOrderUiStore.getState().open(w.id);
  };
  return <instancedMesh ref={ref} args={[geometry, material, CAPACITY]} frustumCulled={false} renderOrder={11} onClick={onClick} />;
}
