import { useFrame, type ThreeEvent } from '@react-three/fiber';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { Color, InstancedBufferAttribute, InstancedMesh, Matrix4, type BufferAttribute, type ShaderMaterial } from 'three';
import type { Device } from '../../models/compound';
import type { DeviceType } from '../../models/deviceTypes';
import { liveStore } from '../stores/liveStore';
import type { TwinIndex } from '../stores/twinIndex';
import { useUiStore } from '../stores/useUiStore';
import { explodeOffset, sceneFx } from './coords';
import { buildDeviceShape, buildFarShape } from './deviceShapes';
import { markerColor } from './deviceStyle';
import { InstanceSlots } from './instanceSlots';

export interface DeviceLayerProps {
  type: DeviceType;
  devices: readonly Device[];
  index: TwinIndex;
  material: ShaderMaterial;
}

// scratch objects: per-frame and per-event code reuses these instead of allocating
const _m = new Matrix4();
const _c = new Color();
const NO_DEVICES = new Int32Array(0);

/** Marker scale from which the box stand-in replaces the detailed shape (camera roughly 125 m away, Devices.tsx). */
const FAR_SCALE = 3;
/** Triangles one layer may draw at full detail before it uses the far stand-in. */
const LOD_TRIANGLES = 60_000;

/**
 * One InstancedMesh for every device of one type. Status colours, the opened building's indoor
 * devices and exploded offsets rewrite only the instances that change.
 */
export function DeviceLayer({ type, devices, index, material }: DeviceLayerProps) {
  const ref = useRef<InstancedMesh>(null);
  const visible = useUiStore((s) => s.layers[type]);
  const geometry = useMemo(() => buildDeviceShape(type), [type]);
  const far = useMemo(() => buildFarShape(type), [type]);
  const baseShape = useMemo(() => (geometry.getAttribute('position').array as Float32Array).slice(), [geometry]);
  const baseFar = useMemo(() => (far.getAttribute('position').array as Float32Array).slice(), [far]);
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
    const indoorOf = new Map([...byBuilding].map(([k, v]) => [k, Int32Array.from(v.filter((i) => indoor[i]))]));
    return { base, floor, indoor, byBuilding: new Map([...byBuilding].map(([k, v]) => [k, Int32Array.from(v)])), indoorOf };
  }, [devices, index]);
  const slots = useMemo(() => new InstanceSlots(layout.indoor), [layout]);
  // a few hundred detailed markers are cheap; thousands switch to boxes when seen from afar
  const lodNeeded = slots.alwaysVisible * (geometry.getAttribute('position').count / 3) > LOD_TRIANGLES;
  // what the exploded offsets were last written for, so frames without change write nothing
  const applied = useRef({ building: -1, t: 0, floor: null as number | null, scale: 1 });

  /** Matrix and colour of one slot from the device it now shows. */
  const writeSlot = useCallback(
    (mesh: InstancedMesh, slot: number, building: number, t: number, floor: number | null) => {
      const d = slots.deviceAt[slot];
      const dev = devices[d];
      const inOpen = building >= 0 && dev.placement.kind === 'building' && index.buildingIndex.get(dev.placement.buildingId) === building;
      const dy = inOpen ? explodeOffset(layout.floor[d], floor, t) : 0;
      _m.makeTranslation(layout.base[d * 3], layout.base[d * 3 + 1] + dy, layout.base[d * 3 + 2]);
      mesh.setMatrixAt(slot, _m);
      _c.setHex(markerColor(type, liveStore.getState().devices.get(dev.id)?.status ?? null));
      mesh.setColorAt(slot, _c);
    },
    [slots, devices, index, layout, type],
  );

  const paint = useCallback(
    (ids: readonly string[] | null) => {
      const mesh = ref.current;
      if (!mesh?.instanceColor) return;
      const states = liveStore.getState().devices;
      let lo = Infinity;
      let hi = -1;
      const write = (d: number) => {
        const slot = slots.slotOf[d];
        _c.setHex(markerColor(type, states.get(devices[d].id)?.status ?? null));
        mesh.setColorAt(slot, _c);
        if (slot < lo) lo = slot;
        if (slot > hi) hi = slot;
      };
      if (ids === null || ids[0] === '*') for (let d = 0; d < devices.length; d++) write(d);
      else
        for (const id of ids) {
          const hit = index.instanceOf.get(id);
          if (hit && hit.type === type) write(hit.index);
        }
      if (hi < 0) return;
      // three uploads only these ranges, then clears them
      mesh.instanceColor.addUpdateRange(lo * 3, (hi - lo + 1) * 3);
      mesh.instanceColor.needsUpdate = true;
    },
    [slots, devices, index, type],
  );

  useLayoutEffect(() => {
    const mesh = ref.current;
    if (!mesh) return;
    if (!mesh.instanceColor) mesh.instanceColor = new InstancedBufferAttribute(new Float32Array(devices.length * 3), 3);
    slots.hideRevealed();
    for (let s = 0; s < devices.length; s++) writeSlot(mesh, s, -1, 0, null);
    mesh.count = slots.visibleCount;
    mesh.instanceMatrix.needsUpdate = true;
    mesh.instanceColor.needsUpdate = true;
    mesh.userData.deviceLayer = type;
    mesh.computeBoundingSphere();
    applied.current = { building: -1, t: 0, floor: null, scale: 1 };
  }, [devices, slots, type, writeSlot]);

  useEffect(
    () =>
      liveStore.subscribe((s, p) => {
        if (s.statusRev !== p.statusRev) paint(s.changedStatus);
      }),
    [paint],
  );

  /** Opens a building (its indoor devices drawn, everything of it exploded by t) or closes all (building −1). */
  const placeBuilding = (mesh: InstancedMesh, building: number, opening: boolean, t: number, floor: number | null) => {
    let lo = Infinity;
    let hi = -1;
    if (opening) {
      slots.reveal(layout.indoorOf.get(building) ?? NO_DEVICES);
      for (let k = 0; k < slots.touchedCount; k++) {
        const slot = slots.touched[k];
        writeSlot(mesh, slot, building, t, floor);
        if (slot < lo) lo = slot;
        if (slot > hi) hi = slot;
      }
      mesh.count = slots.visibleCount;
    }
    const list = layout.byBuilding.get(building) ?? NO_DEVICES;
    for (let k = 0; k < list.length; k++) {
      const slot = slots.slotOf[list[k]];
      if (slot >= slots.visibleCount) continue;
      writeSlot(mesh, slot, building, t, floor);
      if (slot < lo) lo = slot;
      if (slot > hi) hi = slot;
    }
    if (hi < 0) return;
    mesh.instanceMatrix.addUpdateRange(lo * 16, (hi - lo + 1) * 16);
    mesh.instanceMatrix.needsUpdate = true;
    mesh.instanceColor!.addUpdateRange(lo * 3, (hi - lo + 1) * 3);
    mesh.instanceColor!.needsUpdate = true;
    mesh.boundingSphere = null;
  };

  useFrame(() => {
    const mesh = ref.current;
    if (!mesh) return;
    const a = applied.current;
    const b = sceneFx.explodeBuilding;
    if (a.building !== b) {
      if (a.building >= 0) {
        // the closed building's outdoor devices drop back to the ground; its indoor ones stop being drawn
        slots.hideRevealed();
        mesh.count = slots.visibleCount;
        placeBuilding(mesh, a.building, false, 0, null);
      }
      if (b >= 0) placeBuilding(mesh, b, true, sceneFx.explode, sceneFx.explodeFloor);
    } else if (b >= 0 && (a.t !== sceneFx.explode || a.floor !== sceneFx.explodeFloor)) placeBuilding(mesh, b, false, sceneFx.explode, sceneFx.explodeFloor);
    a.building = b;
    a.t = sceneFx.explode;
    a.floor = sceneFx.explodeFloor;
    const s = sceneFx.markerScale;
    if (s !== a.scale) {
      // markers grow when the camera is far: rescale the shared shape, not 20,000 matrices;
      // far away the detailed shape gives way to its box
      const g = s >= FAR_SCALE && lodNeeded ? far : geometry;
      const base = g === far ? baseFar : baseShape;
      const pos = g.getAttribute('position') as BufferAttribute;
      const arr = pos.array as Float32Array;
      for (let i = 0; i < arr.length; i++) arr[i] = base[i] * s;
      pos.needsUpdate = true;
      g.computeBoundingSphere();
      if (mesh.geometry !== g) mesh.geometry = g;
      mesh.boundingSphere = null;
      a.scale = s;
    }
  });

  const deviceOf = (instanceId: number | undefined) => (instanceId === undefined ? undefined : devices[slots.deviceAt[instanceId]]);
  const onMove = (e: ThreeEvent<PointerEvent>) => {
    const d = deviceOf(e.instanceId);
    if (!d) return;
    e.stopPropagation();
    useUiStore.getState().setHover({ kind: 'device', id: d.id });
  };
  const onOut = () => {
    if (useUiStore.getState().hover?.kind === 'device') useUiStore.getState().setHover(null);
  };
  const onClick = (e: ThreeEvent<MouseEvent>) => {
    const d = deviceOf(e.instanceId);
    if (!d) return;
    e.stopPropagation();
    if (e.delta <= 6) useUiStore.getState().selectDevice(d.id);
  };

  useEffect(() => () => geometry.dispose(), [geometry]);
  useEffect(() => () => far.dispose(), [far]);
  return (
    <instancedMesh ref={ref} args={[geometry, material, devices.length]} visible={visible} onPointerMove={onMove} onPointerOut={onOut} onClick={onClick} />
  );
}
