import { ENERGY_METRICS } from '../../models/energy';
import { buildingTitle } from '../i18n/names';
import { useT } from '../i18n/useT';
import { zoneOffsetMs } from '../../models/zoneTime';
import { pick } from '../i18n/translate';
import { feeText } from '../fees/feeText';
import { heatCss, heatT, legendNumber, mapDomain } from '../overlays/heatScale';
import { useHeatmapStore, type HeatPer, type HeatWindow } from '../stores/useHeatmapStore';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { HeatmapLegend, heatUnit } from './HeatmapLegend';
import { HeatmapRanking } from './HeatmapRanking';

const WINDOWS: HeatWindow[] = ['today', '24h', '7d', '30d', 'custom'];
const PERS: HeatPer[] = ['total', 'household', 'm2'];

/** A datetime-local input value: the compound's wall-clock time (its zone, not the browser's), minutes; and back. */
const toInput = (ms: number | null, zone: string | undefined) => {
  if (ms === null) return '';
  return new Date(ms + zoneOffsetMs(ms, zone)).toISOString().slice(0, 16);
};
const fromInput = (v: string, zone: string | undefined) => {
  if (!v) return null;
  const asUtc = Date.parse(`${v}:00Z`);
  if (!Number.isFinite(asUtc)) return null;
  return asUtc - zoneOffsetMs(asUtc - zoneOffsetMs(asUtc, zone), zone);
};

/** The energy heatmap's controls (metric, window, absolute or per household / m²), legend and outliers. */
export default function HeatmapPanel() {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const settings = useHeatmapStore((s) => s.settings);
  const buildings = useHeatmapStore((s) => s.buildings);
  const cells = useHeatmapStore((s) => s.cells);
  const loading = useHeatmapStore((s) => s.loading);
  const error = useHeatmapStore((s) => s.error);
  const index = useTwinStore((s) => s.index);
  const zone = useTwinStore((s) => s.compound?.timeZone);
  const set = useHeatmapStore.getState().set;
  // an opened building whose cells have no use at all (no sub-meter readings) keeps the buildings' legend
  const cellsShown = cells && cells.scale && cells.scale.max > 0 ? cells : null;
  const map = cellsShown ?? buildings;
  const drilled = cells?.buildingId ? index?.buildingById.get(cells.buildingId) : undefined;
  const scope = drilled && cellsShown ? t('heat.scope.cells', { name: buildingTitle(lang, drilled) }) : t('heat.scope.buildings');
  const outliers = (buildings?.items ?? []).filter((i) => i.outlier);
  const buildingDomain = mapDomain(buildings);
  const fees = settings.metric === 'fee_rate';
  const compoundId = useTwinStore((s) => s.compound?.id ?? '');
  return (
    <section className="panel heat-panel" data-testid="heatmap-panel">
      <header className="panel-head">
        <h2>{t('heat.title')}</h2>
        {loading && <span className="sub">{t('heat.loading')}</span>}
      </header>
      <div className="panel-body">
        <div className="seg" role="group" aria-label={t('heat.title')}>
          {ENERGY_METRICS.map((m) => (
            <button key={m} type="button" className={settings.metric === m ? 'on' : ''} data-testid={`heat-metric-${m}`} onClick={() => set({ metric: m })}>
              {t(`heat.metric.${m}`)}
            </button>
          ))}
          <button type="button" className={fees ? 'on' : ''} data-testid="heat-metric-fee_rate" onClick={() => set({ metric: 'fee_rate' })}>
            {t('heat.metric.fee_rate')}
          </button>
        </div>
        {fees && (
          <label className="heat-custom">
            {pick(lang, feeText.month)}
            <select
              data-testid="heat-fee-month"
              value={settings.month ?? ''}
              onChange={(e) => set({ month: e.target.value || null })}
              onKeyDown={(e) => e.stopPropagation()}
            >
              <option value="">{pick(lang, feeText.latest)}</option>
              {[...(buildings?.months ?? [])].reverse().map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </label>
        )}
        {fees && buildings && !buildings.months?.length && <div className="empty">{pick(lang, feeText.none).replace('{id}', compoundId)}</div>}
        {!fees && (
          <div className="seg">
            {WINDOWS.map((w) => (
              <button
                key={w}
                type="button"
                className={settings.window === w ? 'on' : ''}
                data-testid={`heat-window-${w}`}
                onClick={() => set(w === 'custom' && settings.from === null ? { window: w, from: Date.now() - 3 * 86_400_000, to: Date.now() } : { window: w })}
              >
                {t(`heat.window.${w}`)}
              </button>
            ))}
          </div>
        )}
        {settings.window === 'custom' && !fees && (
          <div className="heat-custom">
            <label>
              {t('heat.from')}
              <input
                type="datetime-local"
                value={toInput(settings.from, zone)}
                onChange={(e) => set({ from: fromInput(e.target.value, zone) })}
                onKeyDown={(e) => e.stopPropagation()}
              />
            </label>
            <label>
              {t('heat.to')}
              <input
                type="datetime-local"
                value={toInput(settings.to, zone)}
                onChange={(e) => set({ to: fromInput(e.target.value, zone) })}
                onKeyDown={(e) => e.stopPropagation()}
              />
            </label>
          </div>
        )}
        {!fees && (
          <div className="seg">
            {PERS.map((p) => (
              <button key={p} type="button" className={settings.per === p ? 'on' : ''} data-testid={`heat-per-${p}`} onClick={() => set({ per: p })}>
                {t(`heat.per.${p}`)}
              </button>
            ))}
          </div>
        )}
        {error && <div className="form-error">{t('heat.failed', { error })}</div>}
        {map && <HeatmapLegend map={map} scope={scope} />}
        {drilled && !cellsShown && cells && <div className="empty">{t('heat.cellsNoData', { name: buildingTitle(lang, drilled) })}</div>}
        {buildings && <HeatmapRanking map={buildings} domain={buildingDomain} unit={heatUnit(t, buildings)} />}
        {buildings && !fees && (
          <ul className="heat-outliers" data-testid="heatmap-outliers">
            {outliers.length === 0 && <li className="empty">{t('heat.noOutliers')}</li>}
            {outliers.map((it) => {
              const b = index?.buildingById.get(it.buildingId);
              return (
                <li key={it.id}>
                  <button type="button" onClick={() => useUiStore.getState().selectBuilding(it.buildingId)}>
                    <i className="heat-swatch hatch" style={{ background: heatCss(heatT(it.value, buildingDomain)) }} />
                    <span>{b ? buildingTitle(lang, b) : it.buildingId}</span>
                    <b>{it.value === null ? '—' : legendNumber(it.value)}</b>
                    <small>×{it.ratio?.toFixed(2) ?? '—'}</small>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </section>
  );
}
