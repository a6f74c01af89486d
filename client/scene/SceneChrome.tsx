import { useEffect, useMemo, useState } from 'react';
import type { Compound } from '../../models/compound';
import { useT } from '../i18n/useT';
import type { BasemapConfig } from './basemapTiles';
import { legendRows, USE_TINTS } from './useTints';

let basemapAsk: Promise<BasemapConfig | null> | null = null;

/** The configured basemap (GET /api/v1/basemap), asked once per page; null when none or not signed in. */
export function useBasemapConfig(enabled: boolean): BasemapConfig | null {
  const [config, setConfig] = useState<BasemapConfig | null>(null);
  useEffect(() => {
    if (!enabled) return;
    basemapAsk ??= fetch('/api/v1/basemap', { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(async (r) => (r.ok ? ((await r.json()) as { basemap: BasemapConfig | null }).basemap : null))
      .catch(() => null)
      .then((b) => {
        // a refusal (signed out) is asked again next time
        if (!b) basemapAsk = null;
        return b;
      });
    let live = true;
    void basemapAsk.then((b) => live && setConfig(b));
    return () => {
      live = false;
    };
  }, [enabled]);
  return config;
}

const box: React.CSSProperties = {
  position: 'absolute',
  zIndex: 2,
  pointerEvents: 'none',
  fontSize: '0.72rem',
  lineHeight: 1.45,
  color: '#9fb6cc',
  background: 'rgba(4, 10, 20, 0.72)',
  border: '1px solid rgba(63, 208, 255, 0.18)',
  borderRadius: '0.3rem',
};

/** Right of the left column (layers, alarms), whose width and gap the stylesheet sets. */
const LEFT = 'calc(var(--left-w, 20rem) + var(--gap, 0.75rem) * 2)';

const hex = (n: number) => `#${n.toString(16).padStart(6, '0')}`;

/**
 * DOM beside the canvas: the use-class legend (only when the compound has more than homes and service
 * buildings, and not on the wall, whose own panels hold that corner) and the basemap's attribution whenever tiles are drawn.
 */
export function SceneChrome({ compound, basemap, legend = true }: { compound: Compound | null; basemap: BasemapConfig | null; legend?: boolean }) {
  const t = useT();
  const rows = useMemo(() => (compound && legend ? legendRows(compound.buildings.map((b) => b.use)) : []), [compound, legend]);
  return (
    <>
      {rows.length > 0 && (
        <div data-testid="use-legend" style={{ ...box, left: LEFT, bottom: '3.4rem', padding: '0.35rem 0.6rem' }}>
          <div style={{ color: '#cfe3f5', fontWeight: 600, marginBottom: 2 }}>{t('scene.legend.title')}</div>
          {rows.map((u) => (
            <div key={u} data-use={u} style={{ display: 'flex', alignItems: 'center', gap: '0.4rem' }}>
              <span
                style={{
                  width: '0.7rem',
                  height: '0.7rem',
                  borderRadius: '0.15rem',
                  background: u === 'residential' ? '#3f5a80' : hex(USE_TINTS[u].color),
                  opacity: u === 'residential' ? 1 : 0.55 + USE_TINTS[u].strength * 0.45,
                }}
              />
              {t(`building.use.${u}`)}
            </div>
          ))}
        </div>
      )}
      {compound && basemap && (
        <div data-testid="basemap-attribution" style={{ ...box, left: LEFT, bottom: '1.4rem', padding: '0.05rem 0.4rem', fontSize: '0.62rem' }}>
          {basemap.attribution || t('scene.basemap')}
        </div>
      )}
    </>
  );
}
