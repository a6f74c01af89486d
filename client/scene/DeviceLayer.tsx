import { useFrame, type ThreeEvent } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { BufferAttribute, Color, InstancedBufferAttribute, InstancedMesh, Matrix4, type ShaderMaterial } from 'three';
import type { Device } from '../../models/compound';
import type { DeviceType } from '../../models/deviceTypes';
import { liveStore } from '../stores/liveStore';
import type { TwinIndex } from '../stores/twinIndex';
import { useUiStore } from '../stores/useUiStore';
import { explodeOffset, sceneFx } from './coords';
import { buildDeviceShape } from './deviceShapes';
import { markerColor } from './deviceStyle';

export interface DeviceLayerProps {
  type: DeviceType;
  devices: readonly Device[];
  index: TwinIndex;
  material: ShaderMaterial;
}

// scratch objects: per-frame and per-event code reuses these instead of allocating
const _m = new Matrix4();
const _c = new Color();

/** One InstancedMesh for every device of one type; status colours and exploded offsets write only the instances that change. */
export function DeviceLayer({ type, devices, index, material }: DeviceLayerProps) {
  const ref = useRef<InstancedMesh>(null);
  const visible = useUiStore((s) => s.layers[type]);
  const geometry = useMemo(() => buildDeviceShape(type), [type]);
  const baseShape = useMemo(() => (geometry.getAttribute('position').array as Float32Array).slice(), [geometry]);
  const layout = useMemo(() => {
    const base = new Float32Array(devices.length * 3);
    const floor = new Int16Array(devices.length);
    const indoor = new Uint8Array(devices.length);
    const byBuilding = new Map<number, number[]>();
    devices.forEach((d, i) => {
      const [x, y, z] = d.placement.at;
      base.set([x, z, -y], i * 3);
      floor[i] = index.deviceFloor.get(d.id) ?? 0;
      indoor[i] = index.indoor.has(d.id) ? 1 : 0;
      if (d.placement.kind === 'building') {
        const bi = index.buildingIndex.get(d.placement.buildingId) ?? -1;
        const list = byBuilding.get(bi);
        if (list) list.push(i);
        else byBuilding.set(bi, [i]);
      }
    });
    return { base, floor, indoor, byBuilding: new Map([...byBuilding].map(([k, v]) => [k, Int32Array.from(v)])) };
  }, [devices, index]);
  // what the exploded offsets were last written for, so frames without change write nothing
  const applied = useRef({ building: -1, t: 0, floor: null as number | null, scale: 1 });

  const paint = (ids: readonly string[] | null) => {
    const mesh = ref.current;
    if (!mesh?.instanceColor) return;
    const states = liveStore.getState().devices;
    let lo = Infinity;
    let hi = -1;
    const write = (i: number) => {
      _c.setHex(markerColor(type, states.get(devices[i].id)?.status ?? null));
      mesh.setColorAt(i, _c);
      if (i < lo) lo = i;
      if (i > hi) hi = i;
    };
    if (ids === null || ids[0] === '*') for (let i = 0; i < devices.length; i++) write(i);
    else
      for (const id of ids) {
        const hit = index.instanceOf.get(id);
        if (hit && hit.type === type) write(hit.index);
      }
    if (hi < 0) return;
    // three uploads only these ranges, then clears them
    mesh.instanceColor.addUpdateRange(lo * 3, (hi - lo + 1) * 3);
    mesh.instanceColor.needsUpdate = true;
  };

  useLayoutEffect(() => {
    const mesh = ref.current;
    if (!mesh) return;
    // indoor devices stay collapsed (scale 0) until their building is opened
    for (let i = 0; i < devices.length; i++) {
      if (layout.indoor[i]) _m.makeScale(0, 0, 0);
      else _m.makeTranslation(layout.base[i * 3], layout.base[i * 3 + 1], layout.base[i * 3 + 2]);
      mesh.setMatrixAt(i, _m);
    }
    mesh.instanceMatrix.needsUpdate = true;
    if (!mesh.instanceColor) mesh.instanceColor = new InstancedBufferAttribute(new Float32Array(devices.length * 3), 3);
    mesh.userData.deviceLayer = type;
    mesh.computeBoundingSphere();
    paint(null);
    applied.current = { building: -1, t: 0, floor: null, scale: 1 };
  }, [devices, layout]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(
    () =>
      liveStore.subscribe((s, p) => {
        if (s.statusRev !== p.statusRev) paint(s.changedStatus);
      }),
    [devices, index], // eslint-disable-line react-hooks/exhaustive-deps
  );

  /** Rewrites the matrices of one building's devices: opened (indoor shown, exploded by t) or closed. */
  const placeBuilding = (mesh: InstancedMesh, building: number, open: boolean, t: number, floor: number | null) => {
    const list = layout.byBuilding.get(building);
    if (!list) return;
    let lo = Infinity;
    let hi = -1;
    for (let k = 0; k < list.length; k++) {
      const i = list[k];
      if (layout.indoor[i] && !open) _m.makeScale(0, 0, 0);
      else _m.makeTranslation(layout.base[i * 3], layout.base[i * 3 + 1] + explodeOffset(layout.floor[i], floor, t), layout.base[i * 3 + 2]);
      mesh.setMatrixAt(i, _m);
      if (i < lo) lo = i;
      if (i > hi) hi = i;
    }
    mesh.instanceMatrix.addUpdateRange(lo * 16, (hi - lo + 1) * 16);
    mesh.instanceMatrix.needsUpdate = true;
    mesh.boundingSphere = null;
  };

  useFrame(() => {
    const mesh = ref.current;
    if (!mesh) return;
    const a = applied.current;
    const b = sceneFx.explodeBuilding;
    if (a.building !== b && a.building >= 0) placeBuilding(mesh, a.building, false, 0, null);
    if (b >= 0 && (a.building !== b || a.t !== sceneFx.explode || a.floor !== sceneFx.explodeFloor)) placeBuilding(mesh, b, true, sceneFx.explode, sceneFx.explodeFloor);
    a.building = b;
    a.t = sceneFx.explode;
    a.floor = sceneFx.explodeFloor;
    const s = sceneFx.markerScale;
    if (s !== a.scale) {
      // markers grow when the camera is far: rescale the shared shape, not 20,000 matrices
      const pos = geometry.getAttribute('position') as BufferAttribute;
      const arr = pos.array as Float32Array;
      for (let i = 0; i < arr.length; i++) arr[i] = baseShape[i] * s;
      pos.needsUpdate = true;
      geometry.computeBoundingSphere();
      mesh.boundingSphere = null;
      a.scale = s;
    }
  });

  const onMove = (e: ThreeEvent<PointerEvent>) => {
    if (e.instanceId === undefined) return;
    e.stopPropagation();
    useUiStore.getState().setHover({ kind: 'device', id: devices[e.instanceId].id });
  };
  const onOut = () => {
    if (useUiStore.getState().hover?.kind === 'device') useUiStore.getState().setHover(null);
  };
  const onClick = (e: ThreeEvent<MouseEvent>) => {
    if (e.instanceId === undefined) return;
    e.stopPropagation();
    if (e.delta <= 6) useUiStore.getState().selectDevice(devices[e.instanceId].id);
  };

  useEffect(() => () => geometry.dispose(), [geometry]);
  return <instancedMesh ref={ref} args={[geometry, material, devices.length]} visible={visible} onPointerMove={onMove} onPointerOut={onOut} onClick={onClick} />;
}
