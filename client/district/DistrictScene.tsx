import { CameraControls, Grid } from '@react-three/drei';
import { Canvas, useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import {
  BufferAttribute,
  BufferGeometry,
  Color,
  CylinderGeometry,
  RingGeometry,
  DoubleSide,
  InstancedMesh,
  Matrix4,
  MeshBasicMaterial,
  MeshLambertMaterial,
  Quaternion,
  Raycaster,
  ShaderMaterial,
  Vector2,
  Vector3,
  type Mesh,
  type PerspectiveCamera,
} from 'three';
import type { District } from '../../models/district';
import { measureInsets } from '../panels/layout';
import { frameBox, type Insets } from '../scene/framing';
import { drawLabelAtlas, type LabelAtlas, type LabelStyle } from '../scene/labelAtlas';
import {
  buildBuildingArrays,
  buildGroundArrays,
  compoundOfVertex,
  compoundOffsets,
  measureColour,
  paint,
  placeCompounds,
  type Measure,
  type Placed,
} from './districtGeometry';

const BACKGROUND = '#040a14';
const FOV = 40;
/** Pins grow with the camera's distance so every compound stays findable from 100 km up. */
const PIN_PER_DISTANCE = 0.06;
const LABEL_FONT_PX = 30;
/** Radius of the ring marking a site from afar, per metre of camera distance. */
const RING_PER_DISTANCE = 0.012;
const siteRadius = (p: Placed) => Math.hypot(p.max[0] - p.min[0], p.max[1] - p.min[1]) / 2;

/** The district's figures and a locator for browser tests: `window.__district` (VITE_TEST_PROBE builds only). */
export interface DistrictProbeApi {
  drawCalls: number;
  triangles: number;
  frames: number;
  measure: Measure;
  compounds: string[];
  /** The top of a compound's pin (where its label hangs) in CSS pixels, or null behind the camera. */
  screenPosition(id: string): { x: number; y: number } | null;
  /** The middle of a compound's label in CSS pixels (click there to open its console). */
  labelCentre(id: string): { x: number; y: number } | null;
  /** Flies the camera (at once) to frame one compound: for close looks. */
  focus(id: string): void;
  /** The colour (0..1) of the compound's first roof vertex as drawn. */
  colourOf(id: string): [number, number, number] | null;
}

declare global {
  interface Window {
    __district?: DistrictProbeApi;
  }
}

export interface DistrictSceneProps {
  district: District;
  measure: Measure;
  lang: 'zh-CN' | 'en';
  /** The text of each compound's label, in the order of district.compounds. */
  labels: readonly string[];
  onOpen: (id: string) => void;
}

const labelVertex = /* glsl */ `
attribute vec3 aBase;
attribute float aMinH;
attribute float aLift;
attribute vec2 aCorner;
uniform vec2 uViewport;
uniform float uScale;
uniform float uPinH;
varying vec2 vUv;
void main() {
  vUv = uv;
  vec3 top = aBase + vec3(0.0, max(aMinH, uPinH), 0.0);
  vec4 clip = projectionMatrix * viewMatrix * vec4(top, 1.0);
  vec2 px = aCorner * uScale + vec2(0.0, aLift);
  clip.xy += px * 2.0 / uViewport * clip.w;
  gl_Position = clip;
  if (clip.w <= 0.0) gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
}`;
const labelFragment = /* glsl */ `
uniform sampler2D uAtlas;
varying vec2 vUv;
void main() {
  vec4 c = texture2D(uAtlas, vUv);
  if (c.a < 0.02) discard;
  gl_FragColor = c;
  #include <colorspace_fragment>
}`;

const hex = (rgb: readonly number[]) =>
  `#${rgb
    .map((v) =>
      Math.round(Math.min(1, Math.max(0, v)) * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
/** Label size follows the page's root font size (styles.css: 100vh / 67.5, 12–40 px): 16 px → 0.55 of the atlas. */
const labelScale = (height: number) => (0.55 * Math.min(40, Math.max(12, height / 67.5))) / 16;

interface Built {
  placed: Placed[];
  buildings: BufferGeometry;
  buildingStarts: Uint32Array;
  ground: BufferGeometry;
  colours: Float32Array;
  normals: Float32Array;
}

function geometryOf(arr: ReturnType<typeof buildBuildingArrays>): BufferGeometry {
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(arr.position, 3));
  g.setAttribute('normal', new BufferAttribute(arr.normal, 3));
  g.setAttribute('color', new BufferAttribute(arr.color, 3));
  g.setIndex(new BufferAttribute(arr.index, 1));
  g.computeBoundingSphere();
  g.computeBoundingBox();
  return g;
}

/** The panels' insets plus room for half a label on either side and a label's height on top. */
function labelRoom(i: Insets, height: number): Insets {
  const k = labelScale(height);
  return { top: i.top + 70 * k, right: i.right + 230 * k, bottom: i.bottom + 10, left: i.left + 230 * k };
}

/** Scratch objects for the frame loop and the probe: nothing is allocated per frame. */
const _v = new Vector3();
const _m = new Matrix4();
const _s = new Vector3();
const _p = new Vector3();
const _q = new Quaternion();
const _c = new Color();
/** The camera matrix and viewport the labels were last decluttered for. */
const lastView = new Float64Array(18);

function DistrictContent({ district, measure, labels, onOpen }: Omit<DistrictSceneProps, 'lang'>) {
  const gl = useThree((s) => s.gl);
  const size = useThree((s) => s.size);
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const controls = useRef<CameraControls>(null);
  const buildingsRef = useRef<Mesh>(null);
  const pinsRef = useRef<InstancedMesh>(null);
  const ringsRef = useRef<InstancedMesh>(null);
  const framed = useRef<string>('');
  const pinH = useRef(-1);
  const lifts = useRef<Float32Array>(new Float32Array(0));
  const dirty = useRef(true);
  const n = district.compounds.length;

  const built = useMemo<Built>(() => {
    const offsets = compoundOffsets(district.centre, district.compounds);
    const placed = placeCompounds(district.compounds, offsets);
    const b = buildBuildingArrays(district.compounds, offsets);
    const g = buildGroundArrays(district.compounds, offsets);
    return { placed, buildings: geometryOf(b), buildingStarts: b.starts, ground: geometryOf(g), colours: b.color, normals: b.normal };
  }, [district]);
  useEffect(
    () => () => {
      built.buildings.dispose();
      built.ground.dispose();
    },
    [built],
  );
  // the floor grid is centred on the compounds and fades out well beyond the farthest of them
  const gridAt = useMemo(() => {
    let minX = Infinity,
      minY = Infinity,
      maxX = -Infinity,
      maxY = -Infinity;
    for (const p of built.placed) {
      minX = Math.min(minX, p.min[0]);
      minY = Math.min(minY, p.min[1]);
      maxX = Math.max(maxX, p.max[0]);
      maxY = Math.max(maxY, p.max[1]);
    }
    if (!Number.isFinite(minX)) return { x: 0, z: 0, fade: 20_000 };
    return { x: (minX + maxX) / 2, z: -(minY + maxY) / 2, fade: Math.max(maxX - minX, maxY - minY, 4_000) * 2.5 };
  }, [built]);

  const colours = useMemo(() => district.compounds.map((c) => measureColour(measure, c, district.rubric.levels)), [district, measure]);

  // colour by measure: repaint the merged mesh's vertex colours (on change, not per frame)
  useEffect(() => {
    paint({ color: built.colours, normal: built.normals, starts: built.buildingStarts }, colours);
    const attr = built.buildings.getAttribute('color') as BufferAttribute;
    attr.needsUpdate = true;
    const pins = pinsRef.current;
    if (pins) {
      colours.forEach((c, i) => pins.setColorAt(i, _c.setRGB(c[0], c[1], c[2])));
      if (pins.instanceColor) pins.instanceColor.needsUpdate = true;
    }
    const rings = ringsRef.current;
    if (rings) {
      colours.forEach((c, i) => rings.setColorAt(i, _c.setRGB(c[0], c[1], c[2])));
      if (rings.instanceColor) rings.instanceColor.needsUpdate = true;
    }
  }, [built, colours]);

  const pinGeometry = useMemo(() => new CylinderGeometry(1, 1, 1, 10).translate(0, 0.5, 0), []);
  // a ring around each site on the ground: the site itself when near, a coloured dot-ring from afar
  const ringGeometry = useMemo(() => new RingGeometry(0.72, 1, 40).rotateX(-Math.PI / 2), []);
  const ringMaterial = useMemo(() => new MeshBasicMaterial({ color: '#ffffff', side: DoubleSide, depthWrite: false, transparent: true, opacity: 0.9 }), []);
  useEffect(
    () => () => {
      ringGeometry.dispose();
      ringMaterial.dispose();
    },
    [ringGeometry, ringMaterial],
  );
  const pinMaterial = useMemo(() => new MeshBasicMaterial({ color: '#ffffff', transparent: true, opacity: 0.85 }), []);
  const groundMaterial = useMemo(() => new MeshBasicMaterial({ vertexColors: true, side: DoubleSide, depthWrite: false }), []);
  const buildingMaterial = useMemo(() => new MeshLambertMaterial({ vertexColors: true, side: DoubleSide }), []);
  useEffect(
    () => () => {
      pinGeometry.dispose();
      pinMaterial.dispose();
      groundMaterial.dispose();
      buildingMaterial.dispose();
    },
    [pinGeometry, pinMaterial, groundMaterial, buildingMaterial],
  );

  // labels: one atlas, one draw call; each label's stroke in its compound's colour
  const atlas = useMemo<LabelAtlas>(() => {
    const style = (i: number): LabelStyle => ({
      fontPx: LABEL_FONT_PX,
      padX: 18,
      height: 48,
      tip: 12,
      fill: 'rgba(6, 20, 40, 0.9)',
      stroke: hex(colours[i] ?? [1, 1, 1]),
      text: '#ffffff',
    });
    return drawLabelAtlas(labels, style);
  }, [labels, colours]);
  useEffect(() => () => atlas.texture.dispose(), [atlas]);

  const labelMaterial = useMemo(
    () =>
      new ShaderMaterial({
        uniforms: { uAtlas: { value: null }, uViewport: { value: new Vector2(1920, 1080) }, uScale: { value: 0.55 }, uPinH: { value: 0 } },
        vertexShader: labelVertex,
        fragmentShader: labelFragment,
        transparent: true,
        depthTest: false,
        depthWrite: false,
      }),
    [],
  );
  useEffect(() => () => labelMaterial.dispose(), [labelMaterial]);
  useEffect(() => {
    labelMaterial.uniforms.uAtlas.value = atlas.texture;
    (labelMaterial.uniforms.uViewport.value as Vector2).set(size.width, size.height);
    labelMaterial.uniforms.uScale.value = labelScale(size.height);
  }, [labelMaterial, atlas, size.width, size.height]);

  const labelGeometry = useMemo(() => {
    const base = new Float32Array(n * 4 * 3);
    const minH = new Float32Array(n * 4);
    const corner = new Float32Array(n * 4 * 2);
    const uv = new Float32Array(n * 4 * 2);
    const lift = new Float32Array(n * 4);
    const index = new Uint32Array(n * 6);
    for (let i = 0; i < n; i++) {
      const p = built.placed[i];
      const r = atlas.rects[i];
      const cs = [
        [-r.w / 2, 0, r.u0, r.v0],
        [r.w / 2, 0, r.u1, r.v0],
        [r.w / 2, r.h, r.u1, r.v1],
        [-r.w / 2, r.h, r.u0, r.v1],
      ];
      for (let k = 0; k < 4; k++) {
        const v = i * 4 + k;
        base.set([p.centre[0], 0, -p.centre[1]], v * 3);
        minH[v] = p.top + 12;
        corner.set([cs[k][0], cs[k][1]], v * 2);
        uv.set([cs[k][2], cs[k][3]], v * 2);
      }
      index.set([i * 4, i * 4 + 1, i * 4 + 2, i * 4, i * 4 + 2, i * 4 + 3], i * 6);
    }
    const g = new BufferGeometry();
    // positions only for bounds: the shader places the vertices
    g.setAttribute('position', new BufferAttribute(new Float32Array(n * 4 * 3), 3));
    g.setAttribute('aBase', new BufferAttribute(base, 3));
    g.setAttribute('aMinH', new BufferAttribute(minH, 1));
    g.setAttribute('aCorner', new BufferAttribute(corner, 2));
    g.setAttribute('uv', new BufferAttribute(uv, 2));
    g.setAttribute('aLift', new BufferAttribute(lift, 1));
    g.setIndex(new BufferAttribute(index, 1));
    return g;
  }, [built, atlas, n]);
  useEffect(() => {
    // new pins and labels: place and declutter them on the next frame
    lifts.current = new Float32Array(n);
    pinH.current = -1;
    dirty.current = true;
    return () => labelGeometry.dispose();
  }, [labelGeometry, n]);

  // frame every compound on open (and when the set of compounds changes)
  useEffect(() => {
    const c = controls.current;
    const key = district.compounds.map((x) => x.id).join(',');
    if (!c || size.width === 0 || n === 0 || framed.current === key) return;
    framed.current = key;
    let minX = Infinity,
      minY = Infinity,
      maxX = -Infinity,
      maxY = -Infinity,
      top = 0;
    for (const p of built.placed) {
      minX = Math.min(minX, p.min[0]);
      minY = Math.min(minY, p.min[1]);
      maxX = Math.max(maxX, p.max[0]);
      maxY = Math.max(maxY, p.max[1]);
      top = Math.max(top, p.top);
    }
    const span = Math.max(maxX - minX, maxY - minY, 400);
    // room for the pins and labels above the compounds
    const v = frameBox(
      { min: [minX, 0, -maxY], max: [maxX, top + span * 0.05, -minY] },
      {
        fovDeg: FOV,
        width: size.width,
        height: size.height,
        insets: labelRoom(measureInsets(gl.domElement), size.height),
        azimuthDeg: 0,
        elevationDeg: 62,
        margin: 0.1,
      },
    );
    void c.setLookAt(...v.position, ...v.target, false);
    void c.setFocalOffset(v.offset[0], -v.offset[1], 0, false);
    c.maxDistance = span * 8;
  }, [district, built, size.width, size.height, gl, n]);

  // per frame: near/far for the distance, pin heights, label lifts (decluttered); nothing allocated
  useFrame(() => {
    const c = controls.current;
    const pins = pinsRef.current;
    if (!c || !pins) return;
    const d = c.distance;
    const near = Math.max(0.5, d / 2000);
    const far = Math.max(5000, d * 12);
    if (Math.abs(camera.near - near) > near * 0.05 || Math.abs(camera.far - far) > far * 0.05) {
      camera.near = near;
      camera.far = far;
      camera.updateProjectionMatrix();
    }
    const h = d * PIN_PER_DISTANCE;
    labelMaterial.uniforms.uPinH.value = h;
    if (Math.abs(h - pinH.current) > pinH.current * 0.01) {
      pinH.current = h;
      for (let i = 0; i < n; i++) {
        const p = built.placed[i];
        const ph = Math.max(p.top + 12, h);
        _p.set(p.centre[0], 0, -p.centre[1]);
        // from near, the site speaks for itself: no pin through its middle
        const farOff = d * RING_PER_DISTANCE > siteRadius(p);
        if (farOff) _s.set(ph * 0.018 + 1, ph, ph * 0.018 + 1);
        else _s.set(0, 0, 0);
        pins.setMatrixAt(i, _m.compose(_p, _q, _s));
      }
      pins.instanceMatrix.needsUpdate = true;
      pins.computeBoundingSphere();
      const rings = ringsRef.current;
      if (rings) {
        for (let i = 0; i < n; i++) {
          const p = built.placed[i];
          // a ring marks a site too small to see from afar; near, the red line does
          const r = d * RING_PER_DISTANCE;
          _p.set(p.centre[0], 0.3, -p.centre[1]);
          if (r > siteRadius(p)) _s.set(r, 1, r);
          else _s.set(0, 0, 0);
          rings.setMatrixAt(i, _m.compose(_p, _q, _s));
        }
        rings.instanceMatrix.needsUpdate = true;
      }
    }
    // labels move on screen only when the camera or the viewport does
    const e = camera.matrixWorld.elements;
    let same = lastView[16] === size.width && lastView[17] === size.height;
    for (let k = 0; k < 16; k++) {
      if (lastView[k] !== e[k]) same = false;
      lastView[k] = e[k];
    }
    lastView[16] = size.width;
    lastView[17] = size.height;
    if (!same || dirty.current) {
      dirty.current = false;
      declutter();
    }
  });

  /** Greedy: a label that would overlap one placed before it is lifted above it (CSS px), projected with the current camera. */
  const declutter = () => {
    const lift = lifts.current;
    if (lift.length !== n) return;
    const attr = labelGeometry.getAttribute('aLift') as BufferAttribute;
    const arr = attr.array as Float32Array;
    const scale = labelScale(size.height);
    let changed = false;
    for (let i = 0; i < n; i++) {
      const a = anchor(i);
      let l = 0;
      if (a) {
        const ri = atlas.rects[i];
        for (let pass = 0; pass < n; pass++) {
          let moved = false;
          for (let j = 0; j < i; j++) {
            const b = anchorXY(j);
            if (!b) continue;
            const rj = atlas.rects[j];
            const dx = Math.abs(a.x - b.x) * 2 < (ri.w + rj.w) * scale;
            // screen y runs down; lifted labels sit higher (smaller y)
            const ai0 = a.y - l - ri.h * scale,
              ai1 = a.y - l;
            const bj0 = b.y - lift[j] - rj.h * scale,
              bj1 = b.y - lift[j];
            if (dx && ai0 < bj1 && bj0 < ai1) {
              l = a.y - bj0 + 2;
              moved = true;
            }
          }
          if (!moved) break;
        }
      }
      if (Math.abs(lift[i] - l) > 0.5) {
        lift[i] = l;
        arr[i * 4] = arr[i * 4 + 1] = arr[i * 4 + 2] = arr[i * 4 + 3] = l;
        changed = true;
      }
    }
    if (changed) attr.needsUpdate = true;
  };

  const ax = useRef({ x: 0, y: 0 });
  const bx = useRef({ x: 0, y: 0 });
  /** A label's anchor (pin top) in CSS pixels relative to the canvas, into a reused object. */
  const project = (i: number, out: { x: number; y: number }) => {
    const p = built.placed[i];
    _v.set(p.centre[0], Math.max(p.top + 12, pinH.current), -p.centre[1]).project(camera);
    if (_v.z > 1) return null;
    out.x = ((_v.x + 1) / 2) * size.width;
    out.y = ((1 - _v.y) / 2) * size.height;
    return out;
  };
  const anchor = (i: number) => project(i, ax.current);
  const anchorXY = (j: number) => project(j, bx.current);

  // picking: a label first (screen rectangles), else a building or pin (raycast); a drag is not a click
  useEffect(() => {
    const el = gl.domElement;
    let down: { x: number; y: number } | null = null;
    const ray = new Raycaster();
    const onDown = (e: PointerEvent) => (down = { x: e.clientX, y: e.clientY });
    const onClick = (e: MouseEvent) => {
      if (down && Math.hypot(e.clientX - down.x, e.clientY - down.y) > 6) return;
      const r = el.getBoundingClientRect();
      const x = e.clientX - r.left,
        y = e.clientY - r.top;
      const scale = labelScale(size.height);
      for (let i = n - 1; i >= 0; i--) {
        const a = project(i, { x: 0, y: 0 });
        const rect = atlas.rects[i];
        if (!a) continue;
        const bottom = a.y - lifts.current[i];
        if (Math.abs(x - a.x) <= (rect.w * scale) / 2 && y <= bottom && y >= bottom - rect.h * scale) return onOpen(district.compounds[i].id);
      }
      ray.setFromCamera(new Vector2((x / r.width) * 2 - 1, -(y / r.height) * 2 + 1), camera);
      const targets = [buildingsRef.current, pinsRef.current].filter((o) => o !== null);
      const hit = ray.intersectObjects(targets, false)[0];
      if (!hit) return;
      const i = hit.object === pinsRef.current ? (hit.instanceId ?? -1) : hit.face ? compoundOfVertex(built.buildingStarts, hit.face.a) : -1;
      if (i >= 0) onOpen(district.compounds[i].id);
    };
    el.addEventListener('pointerdown', onDown);
    el.addEventListener('click', onClick);
    return () => {
      el.removeEventListener('pointerdown', onDown);
      el.removeEventListener('click', onClick);
    };
  });

  // the test probe (VITE_TEST_PROBE builds only)
  useEffect(() => {
    if (import.meta.env.VITE_TEST_PROBE !== '1') return;
    const probe: DistrictProbeApi = {
      drawCalls: 0,
      triangles: 0,
      frames: 0,
      measure,
      compounds: district.compounds.map((c) => c.id),
      screenPosition(id) {
        const i = district.compounds.findIndex((c) => c.id === id);
        const a = i >= 0 ? project(i, { x: 0, y: 0 }) : null;
        if (!a) return null;
        const r = gl.domElement.getBoundingClientRect();
        return { x: r.left + a.x, y: r.top + a.y };
      },
      labelCentre(id) {
        const i = district.compounds.findIndex((c) => c.id === id);
        const a = i >= 0 ? project(i, { x: 0, y: 0 }) : null;
        if (!a) return null;
        const r = gl.domElement.getBoundingClientRect();
        return { x: r.left + a.x, y: r.top + a.y - lifts.current[i] - atlas.rects[i].h * labelScale(size.height) * 0.6 };
      },
      focus(id) {
        const i = district.compounds.findIndex((c) => c.id === id);
        const c = controls.current;
        if (i < 0 || !c) return;
        const p = built.placed[i];
        const v = frameBox(
          { min: [p.min[0], 0, -p.max[1]], max: [p.max[0], p.top, -p.min[1]] },
          { fovDeg: FOV, width: size.width, height: size.height, insets: measureInsets(gl.domElement), azimuthDeg: 20, elevationDeg: 45, margin: 0.1 },
        );
        void c.setLookAt(...v.position, ...v.target, false);
        void c.setFocalOffset(v.offset[0], -v.offset[1], 0, false);
      },
      colourOf(id) {
        const i = district.compounds.findIndex((c) => c.id === id);
        if (i < 0) return null;
        // the first roof vertex of the compound (normal pointing up)
        for (let v = built.buildingStarts[i]; v < built.buildingStarts[i + 1]; v++)
          if (built.normals[v * 3 + 1] > 0.5) return [built.colours[v * 3], built.colours[v * 3 + 1], built.colours[v * 3 + 2]];
        return null;
      },
    };
    const prev = window.__district;
    if (prev) Object.assign(probe, { drawCalls: prev.drawCalls, triangles: prev.triangles, frames: prev.frames });
    window.__district = probe;
    return () => {
      if (window.__district === probe) delete window.__district;
    };
  });

  return (
    <>
      <ambientLight intensity={1.1} />
      <directionalLight position={[0.4, 1, 0.3]} intensity={1.6} />
      {/* the district's floor: 1 km cells, 10 km sections, fading out far beyond the compounds (one draw call) */}
      <Grid
        position={[gridAt.x, -1, gridAt.z]}
        infiniteGrid
        cellSize={1_000}
        cellThickness={0.6}
        cellColor="#10304d"
        sectionSize={10_000}
        sectionThickness={1.1}
        sectionColor="#1d5b86"
        fadeDistance={gridAt.fade}
        fadeStrength={1.5}
        renderOrder={-2}
      />
      <mesh geometry={built.ground} material={groundMaterial} renderOrder={-1} frustumCulled={false} />
      <mesh ref={buildingsRef} geometry={built.buildings} material={buildingMaterial} />
      <instancedMesh ref={ringsRef} args={[ringGeometry, ringMaterial, n]} frustumCulled={false} renderOrder={0} />
      <instancedMesh ref={pinsRef} args={[pinGeometry, pinMaterial, n]} frustumCulled={false} />
      <mesh geometry={labelGeometry} material={labelMaterial} renderOrder={10} frustumCulled={false} />
      <CameraControls ref={controls} makeDefault smoothTime={0.4} minDistance={40} maxPolarAngle={Math.PI * 0.47} dollyToCursor />
      {import.meta.env.VITE_TEST_PROBE === '1' && <ProbeCounters />}
    </>
  );
}

/** Mutates the probe's counters each frame (no allocation, no React state). */
function ProbeCounters() {
  useFrame((state) => {
    const p = window.__district;
    if (!p) return;
    p.drawCalls = state.gl.info.render.calls;
    p.triangles = state.gl.info.render.triangles;
    p.frames++;
  });
  return null;
}

/** The district in 3D: every compound at its real place, one merged mesh for all buildings coloured by `measure`. */
export function DistrictScene(props: DistrictSceneProps) {
  return (
    <Canvas
      className="district-canvas"
      flat
      dpr={[1, 2]}
      camera={{ fov: FOV, near: 1, far: 400_000, position: [0, 20_000, 20_000] }}
      gl={{ antialias: true, powerPreference: 'high-performance' }}
      onCreated={({ gl }) => {
        gl.domElement.dataset.testid = 'district-canvas';
      }}
    >
      <color attach="background" args={[BACKGROUND]} />
      <DistrictContent district={props.district} measure={props.measure} labels={props.labels} onOpen={props.onOpen} />
    </Canvas>
  );
}
