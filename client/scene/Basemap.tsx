import { useEffect, useMemo } from 'react';
import { BufferAttribute, BufferGeometry, CanvasTexture, LinearFilter, SRGBColorSpace } from 'three';
import type { LatLon } from '../../models/geo';
import { chooseMosaic, tileUrl, type BasemapConfig } from './basemapTiles';
import { createContextMaterial, setContextFade } from './contextMaterial';
import { fadeRange } from './Surroundings';
import { sceneStats } from './sceneStats';

const TILE_PX = 256;

export interface BasemapProps {
  config: BasemapConfig;
  origin: LatLon;
  /** Site centre in three x/z and its extent (metres). */
  center: readonly [number, number];
  extent: number;
}

/**
 * An optional raster basemap under the surroundings: the tiles around the site drawn into one canvas
 * as they arrive, on one quad (one draw call), darkened into the console's palette and faded out with
 * the rest of the surroundings. Tiles come from the configured server (CORS, and the CSP's img-src).
 */
export function Basemap({ config, origin, center, extent }: BasemapProps) {
  const cx = center[0];
  const cz = center[1];
  const mosaic = useMemo(() => chooseMosaic(origin, [cx, -cz], Math.max(extent * 2.8, 300), config.maxZoom), [origin, cx, cz, extent, config.maxZoom]);
  const canvas = useMemo(() => {
    const c = document.createElement('canvas');
    c.width = (mosaic.x1 - mosaic.x0 + 1) * TILE_PX;
    c.height = (mosaic.y1 - mosaic.y0 + 1) * TILE_PX;
    return c;
  }, [mosaic]);
  const texture = useMemo(() => {
    const t = new CanvasTexture(canvas);
    t.colorSpace = SRGBColorSpace;
    t.minFilter = LinearFilter;
    t.generateMipmaps = false;
    return t;
  }, [canvas]);
  const material = useMemo(() => createContextMaterial({ flat: true, map: texture }), [texture]);
  const geometry = useMemo(() => {
    const [wx, ny] = mosaic.nw;
    const [ex, sy] = mosaic.se;
    const g = new BufferGeometry();
    // model (x, y) → three (x, 0, −y); v = 1 at the north edge (the canvas's top row)
    g.setAttribute('position', new BufferAttribute(new Float32Array([wx, 0, -sy, ex, 0, -sy, ex, 0, -ny, wx, 0, -ny]), 3));
    g.setAttribute('uv', new BufferAttribute(new Float32Array([0, 0, 1, 0, 1, 1, 0, 1]), 2));
    g.setAttribute('aColor', new BufferAttribute(new Float32Array(12), 3));
    g.setIndex([0, 1, 2, 0, 2, 3]);
    g.computeBoundingSphere();
    return g;
  }, [mosaic]);

  useEffect(() => {
    const [near, far] = fadeRange(extent);
    setContextFade(material, [cx, cz], near, far);
  }, [material, cx, cz, extent]);

  useEffect(() => {
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = '#050c18';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    const images: HTMLImageElement[] = [];
    sceneStats.basemapTiles = 0;
    sceneStats.basemapLoaded = 0;
    for (let y = mosaic.y0; y <= mosaic.y1; y++) {
      for (let x = mosaic.x0; x <= mosaic.x1; x++) {
        const img = new Image();
        img.crossOrigin = 'anonymous';
        img.referrerPolicy = 'no-referrer';
        img.decoding = 'async';
        const px = (x - mosaic.x0) * TILE_PX;
        const py = (y - mosaic.y0) * TILE_PX;
        img.onload = () => {
          ctx.drawImage(img, px, py, TILE_PX, TILE_PX);
          texture.needsUpdate = true;
          sceneStats.basemapLoaded++;
        };
        img.src = tileUrl(config.url, mosaic.z, x, y);
        sceneStats.basemapTiles++;
        images.push(img);
      }
    }
    return () => {
      for (const img of images) {
        img.onload = null;
        img.src = '';
      }
    };
  }, [canvas, mosaic, texture, config.url]);

  useEffect(
    () => () => {
      geometry.dispose();
      material.dispose();
      texture.dispose();
    },
    [geometry, material, texture],
  );
  return <mesh geometry={geometry} material={material} renderOrder={-7} raycast={() => null} />;
}
