// Loaded only through a dynamic import (GltfBuilding): three's glTF, Draco and meshopt code stays out
// of the first download and is fetched when a compound names a model.
import type { Object3D } from 'three';
import { DRACO_GLTF_CONFIG, DRACOLoader } from 'three/examples/jsm/loaders/DRACOLoader.js';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { MeshoptDecoder } from 'three/examples/jsm/libs/meshopt_decoder.module.js';

let loader: GLTFLoader | null = null;
const cache = new Map<string, Promise<Object3D>>();

function gltfLoader(): GLTFLoader {
  if (loader) return loader;
  const draco = new DRACOLoader();
  // three's glTF-only Draco build, addressed by `new URL(…, import.meta.url)`: Vite emits it as hashed
  // assets of this app, so the decoder comes from our own origin (no CDN; the CSP allows nothing else)
  draco.setDecoderPath(DRACO_GLTF_CONFIG);
  // one worker is plenty for a handful of buildings, and leaves the cores to the renderer
  draco.setWorkerLimit(1);
  loader = new GLTFLoader();
  loader.setDRACOLoader(draco);
  loader.setMeshoptDecoder(MeshoptDecoder);
  return loader;
}

/**
 * The scene of a glTF/GLB model, loaded once per URL (several buildings may share one model; each
 * bakes its own copy). A failed load is not cached, so a later mount tries again.
 */
export function loadModel(url: string): Promise<Object3D> {
  let p = cache.get(url);
  if (!p) {
    p = gltfLoader()
      .loadAsync(url)
      .then((gltf) => gltf.scene);
    p.catch(() => cache.delete(url));
    cache.set(url, p);
  }
  return p;
}
