import { useFrame, type ThreeEvent } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { BufferAttribute, BufferGeometry } from 'three';
import type { Building } from '../../models/compound';
import { useT } from '../i18n/useT';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { explodeOffset, sceneFx } from './coords';
import { buildDetailArrays } from './detailGeometry';
import { createDetailLineMaterial, createDetailMaterial } from './detailMaterial';
import { UNIT_LABEL, type LabelStyle } from './labelAtlas';
import { LabelLayer, type LabelItem } from './LabelLayer';
import { useSceneResources } from './SceneContext';

function geometryOf(position: Float32Array, attrs: Record<string, Float32Array>, index?: Uint32Array): BufferGeometry {
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(position, 3));
  for (const [k, v] of Object.entries(attrs)) g.setAttribute(k, new BufferAttribute(v, k === 'normal' ? 3 : 1));
  if (index) g.setIndex(new BufferAttribute(index, 1));
  g.computeBoundingSphere();
  return g;
}

/** Moves every vertex to its storey's exploded height (only while the explode amount or the picked floor changes). */
function applyExplode(g: BufferGeometry, base: Float32Array, floors: Float32Array, sel: number | null, t: number): void {
  const pos = g.getAttribute('position') as BufferAttribute;
  const arr = pos.array as Float32Array;
  for (let i = 0; i < floors.length; i++) arr[i * 3 + 1] = base[i * 3 + 1] + explodeOffset(floors[i], sel, t);
  pos.needsUpdate = true;
  g.computeBoundingSphere();
}

const FLOOR_LABEL: LabelStyle = { fontPx: 22, padX: 9, height: 32, tip: 0, fill: 'rgba(6, 24, 48, 0.82)', stroke: '#5fb8d8', text: '#dff6ff' };
const FLOOR_LABEL_SELECTED: LabelStyle = { ...FLOOR_LABEL, fill: 'rgba(12, 60, 90, 0.95)', stroke: '#3fd0ff', text: '#ffffff' };
/** Metres between a slab's end and its tag. */
const TAG_GAP_M = 2.2;

/**
 * One tag per storey at the building's west end (the left as the drill-down camera sees it), at the
 * storey's middle height and exploded offset; the picked floor's tag stands out (the layer's own style, which the declutter keeps first). Labels that would
 * overlap (a tall stack seen from afar) are decluttered by the layer.
 */
export function floorTagItems(b: Building, explode: boolean, floor: number | null, text: (n: number) => string): LabelItem[] {
  let west: readonly [number, number] = b.footprint[0];
  for (const p of b.footprint) if (p[0] < west[0] || (p[0] === west[0] && p[1] < west[1])) west = p;
  const base = b.baseHeight ?? 0;
  const items: LabelItem[] = [];
  for (let f = 1; f <= b.floors; f++) {
    const z = base + (f - 0.5) * b.floorHeight + explodeOffset(f, floor, explode ? 1 : 0);
    items.push({ text: text(f), at: [west[0] - TAG_GAP_M, west[1], z], building: -1, style: f === floor ? undefined : FLOOR_LABEL });
  }
  return items;
}

function DetailView({ building, buildingIndex }: { building: Building; buildingIndex: number }) {
  const explode = useUiStore((s) => s.explode);
  const floor = useUiStore((s) => s.selection.floor);
  const unitId = useUiStore((s) => s.selection.unitId);
  const t = useT();
  const parts = useMemo(() => {
    const a = buildDetailArrays(building);
    const cells = geometryOf(a.position.slice(), { normal: a.normal, aFloor: a.floor, aUnit: a.unit, aOcc: a.occ, aElder: a.elder, aTop: a.top }, a.index);
    const lines = geometryOf(a.lines.position.slice(), { aFloor: a.lines.floor, aUnit: a.lines.unit });
    return { a, cells, lines };
  }, [building]);
  const { cellHeat } = useSceneResources();
  const mat = useMemo(() => createDetailMaterial(cellHeat), [cellHeat]);
  const lineMat = useMemo(createDetailLineMaterial, []);
  useEffect(
    () => () => {
      parts.cells.dispose();
      parts.lines.dispose();
    },
    [parts],
  );
  useEffect(
    () => () => {
      mat.dispose();
      lineMat.dispose();
    },
    [mat, lineMat],
  );
  useEffect(() => {
    const u = unitId ? building.units.findIndex((x) => x.id === unitId) : -1;
    mat.uniforms.uSelFloor.value = lineMat.uniforms.uSelFloor.value = floor ?? -1;
    mat.uniforms.uSelUnit.value = lineMat.uniforms.uSelUnit.value = u;
  }, [mat, lineMat, floor, unitId, building]);
  useEffect(() => {
    sceneFx.explodeBuilding = buildingIndex;
    return () => {
      sceneFx.explodeBuilding = -1;
      sceneFx.explode = 0;
    };
  }, [buildingIndex]);

  // last applied (geometry, amount, floor), so vertices move only while something changes
  const applied = useRef<{ parts: typeof parts | null; t: number; floor: number | null }>({ parts: null, t: -1, floor: null });
  useFrame((_, delta) => {
    const target = explode ? 1 : 0;
    const k = 1 - Math.exp(-delta * 6);
    let e = sceneFx.explode + (target - sceneFx.explode) * k;
    if (Math.abs(target - e) < 0.002) e = target;
    sceneFx.explode = e;
    sceneFx.explodeFloor = floor;
    const last = applied.current;
    if (last.parts === parts && last.t === e && last.floor === floor) return;
    last.parts = parts;
    last.t = e;
    last.floor = floor;
    applyExplode(parts.cells, parts.a.position, parts.a.floor, floor, e);
    applyExplode(parts.lines, parts.a.lines.position, parts.a.lines.floor, floor, e);
  });

  const floorAt = (e: ThreeEvent<PointerEvent | MouseEvent>) => {
    // a device inside the glass takes the pointer
    if (e.intersections.some((h) => h.object.userData.deviceLayer)) return -1;
    if (e.face == null) return -1;
    return parts.cells.getAttribute('aFloor').getX(e.face.a);
  };
  const onMove = (e: ThreeEvent<PointerEvent>) => {
    const f = floorAt(e);
    if (f < 0) return;
    e.stopPropagation();
    mat.uniforms.uHoverFloor.value = f;
  };
  const onOut = () => {
    mat.uniforms.uHoverFloor.value = -1;
  };
  const onClick = (e: ThreeEvent<MouseEvent>) => {
    const f = floorAt(e);
    if (f < 0) return;
    e.stopPropagation();
    if (e.delta <= 6) useUiStore.getState().selectFloor(f === useUiStore.getState().selection.floor ? null : f);
  };

  const unitLabels = useMemo<LabelItem[]>(
    () => building.units.map((u) => ({ text: t('crumb.unit', { n: u.number }), at: [u.entrance[0], u.entrance[1], 3.2] as const, building: -1 })),
    [building, t],
  );

  // storey tags beside the slabs, where the stack stands once opened (pulled apart or not)
  const floorLabels = useMemo<LabelItem[]>(() => floorTagItems(building, explode, floor, (n) => t('scene.floorTag', { n })), [building, explode, floor, t]);

  return (
    <group>
      <LabelLayer items={floorLabels} style={FLOOR_LABEL_SELECTED} heightPx={22} anchor="center" declutter renderOrder={19} />
      <mesh geometry={parts.cells} material={mat} renderOrder={5} onPointerMove={onMove} onPointerOut={onOut} onClick={onClick} />
      <lineSegments geometry={parts.lines} material={lineMat} renderOrder={6} raycast={() => null} />
      <LabelLayer items={unitLabels} style={UNIT_LABEL} heightPx={26} anchor="center" renderOrder={19} />
    </group>
  );
}

/** The selected building opened up: see-through storeys, optionally pulled apart, with unit labels. */
export function BuildingDetail() {
  const buildingId = useUiStore((s) => s.selection.buildingId);
  const open = useUiStore((s) => s.explode || s.translucent);
  const index = useTwinStore((s) => s.index);
  const building = buildingId ? index?.buildingById.get(buildingId) : undefined;
  if (!open || !building || !index) return null;
  return <DetailView key={building.id} building={building} buildingIndex={index.buildingIndex.get(building.id) ?? -1} />;
}
