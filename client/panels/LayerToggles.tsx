import { DEVICE_TYPES } from '../../models/deviceTypes';
import { deviceTypeName } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { cssColor, TYPE_COLORS } from '../scene/deviceStyle';
import { useOverlayStore } from '../stores/useOverlayStore';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';

/** One switch per device type present in the compound, with its marker colour and count. */
export function LayerToggles() {
  const index = useTwinStore((s) => s.index);
  const layers = useUiStore((s) => s.layers);
  const lang = useUiStore((s) => s.lang);
  const cones = useOverlayStore((s) => s.on.viewCones);
  const t = useT();
  if (!index) return null;
  const viewed = index.byType.camera.filter((d) => d.view).length;
  const present = DEVICE_TYPES.filter((ty) => index.byType[ty].length > 0);
  return (
    <section className="panel layers" data-testid="layer-toggles">
      <header className="panel-head">
        <h2>{t('layers.title')}</h2>
        <div className="head-actions">
          <button type="button" onClick={() => useUiStore.getState().setAllLayers(true)}>
            {t('layers.all')}
          </button>
          <button type="button" onClick={() => useUiStore.getState().setAllLayers(false)}>
            {t('layers.none')}
          </button>
        </div>
      </header>
      <ul className="layer-grid">
        {present.map((ty) => (
          <li key={ty}>
            <label className={layers[ty] ? 'on' : 'off'}>
              <input type="checkbox" data-testid={`layer-${ty}`} checked={layers[ty]} onChange={() => useUiStore.getState().toggleLayer(ty)} />
              <i className="swatch" style={{ background: cssColor(TYPE_COLORS[ty]) }} />
              <span className="layer-name">{deviceTypeName(lang, ty)}</span>
              <span className="layer-count">{index.byType[ty].length}</span>
            </label>
          </li>
        ))}
        {viewed > 0 && (
          <li>
            <label className={cones ? 'on' : 'off'} title={t('scene.viewCones.hint')}>
              <input type="checkbox" data-testid="layer-viewcones" checked={cones} onChange={() => useOverlayStore.getState().toggle('viewCones')} />
              <i className="swatch" style={{ background: 'rgba(56, 189, 248, 0.55)' }} />
              <span className="layer-name">{t('scene.viewCones')}</span>
              <span className="layer-count">{viewed}</span>
            </label>
          </li>
        )}
      </ul>
    </section>
  );
}
