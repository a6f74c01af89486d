import { buildingTitle } from '../i18n/names';
import { useT } from '../i18n/useT';
import { pick } from '../i18n/translate';
import { feeText } from '../fees/feeText';
import { heatCss, heatT, legendNumber, rampOf, type HeatDomain } from '../overlays/heatScale';
import type { HeatMap } from '../stores/useHeatmapStore';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import './heatRanking.css';

export const RANK_N = 5;

export interface HeatmapRankingProps {
  map: HeatMap;
  domain: HeatDomain | null;
  /** The values' unit as the legend writes it (kWh, kWh/户 …). */
  unit: string;
}

/** The heaviest buildings on the current figure (total, per household or per m²), most first; a click selects and frames one. */
export function HeatmapRanking({ map, domain, unit }: HeatmapRankingProps) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const selected = useUiStore((s) => s.selection.buildingId);
  const index = useTwinStore((s) => s.index);
  // collection rates: the lowest first (what needs chasing); use: the heaviest first
  const fees = map.metric === 'fee_rate';
  const ramp = rampOf(map);
  const ranked = map.items
    .filter((i): i is typeof i & { value: number } => i.value !== null)
    .sort((a, b) => (fees ? a.value - b.value : b.value - a.value) || (a.buildingId < b.buildingId ? -1 : 1))
    .slice(0, RANK_N);
  const top = domain && domain.max > 0 ? domain.max : Math.max(1, ...ranked.map((r) => r.value));
  return (
    <div className="heat-rank" data-testid="heatmap-ranking" data-count={ranked.length} data-per={map.per}>
      <div className="heat-rank-head">
        <span>{fees ? pick(lang, feeText.lowest).replace('{n}', String(RANK_N)) : t('heat.rank.title', { n: RANK_N })}</span>
        <span className="unit">{unit}</span>
      </div>
      {ranked.length === 0 ? (
        <div className="empty">{t('heat.rank.empty')}</div>
      ) : (
        <ol>
          {ranked.map((it, i) => {
            const b = index?.buildingById.get(it.buildingId);
            const name = b ? buildingTitle(lang, b) : it.buildingId;
            return (
              <li
                key={it.id}
                data-building-id={it.buildingId}
                data-value={it.value}
                data-arrears={it.arrears ?? ''}
                className={selected === it.buildingId ? 'on' : ''}
              >
                <button type="button" title={name} onClick={() => useUiStore.getState().selectBuilding(it.buildingId)}>
                  <span className="rank">{i + 1}</span>
                  <span className="name">{name}</span>
                  <span className="bar">
                    <i style={{ width: `${Math.min(100, (it.value / top) * 100)}%`, background: heatCss(heatT(it.value, domain), ramp) }} />
                  </span>
                  <b>
                    {legendNumber(it.value)}
                    {it.outlier && <small className="flag">×{it.ratio?.toFixed(1) ?? '—'}</small>}
                    {fees && <small className="flag">{pick(lang, feeText.arrears).replace('{n}', String(it.arrears ?? '—'))}</small>}
                  </b>
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
