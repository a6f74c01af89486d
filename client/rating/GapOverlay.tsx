import { useEffect, useMemo } from 'react';
import { Color, DoubleSide, LineBasicMaterial, MeshBasicMaterial } from 'three';
import type { CoverageGap } from '../../models/rubric';
import { fillAndEdges } from '../scene/flatGeometry';
import { useTwinStore } from '../stores/useTwinStore';
import { gapPrisms, prismArrays } from './gapGeometry';

export interface GapOverlayProps {
  gaps: readonly CoverageGap[];
}

const TINT = new Color(0xff8a1f);

/** The coverage-gap layer: every building, unit or floor short of a required device, tinted (two draw calls). */
export function GapOverlay({ gaps }: GapOverlayProps) {
  const compound = useTwinStore((s) => s.compound);
  const { fill, edges } = useMemo(() => fillAndEdges(prismArrays(compound ? gapPrisms(compound, gaps) : [])), [compound, gaps]);
  const fillMat = useMemo(() => new MeshBasicMaterial({ color: TINT, transparent: true, opacity: 0.42, depthWrite: false, side: DoubleSide }), []);
  const lineMat = useMemo(() => new LineBasicMaterial({ color: TINT, transparent: true, opacity: 0.95 }), []);
  useEffect(
    () => () => {
      fill.dispose();
      edges.dispose();
    },
    [fill, edges],
  );
  useEffect(
    () => () => {
      fillMat.dispose();
      lineMat.dispose();
    },
    [fillMat, lineMat],
  );
  return (
    <group>
      <mesh geometry={fill} material={fillMat} renderOrder={8} raycast={() => null} />
      <lineSegments geometry={edges} material={lineMat} renderOrder={9} raycast={() => null} />
    </group>
  );
}
