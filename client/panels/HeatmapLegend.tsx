import type { EnergyMap } from '../../models/energy';
import { useT } from '../i18n/useT';
import { heatGradientCss, legendNumber, legendTicks } from '../overlays/heatScale';

export interface HeatmapLegendProps {
  map: EnergyMap;
  /** What the colours stand for: buildings, or the opened building's cells. */
  scope: string;
}

/** The colour ramp with the scale's numbers (the API's `scale`, formatted by legendNumber), the unit and the outlier rule. */
export function HeatmapLegend({ map, scope }: HeatmapLegendProps) {
  const t = useT();
  const unit = map.per === 'total' ? map.unit : t(map.per === 'household' ? 'heat.unitPer.household' : 'heat.unitPer.m2', { unit: map.unit });
  const ticks = legendTicks(map.scale);
  return (
    <div className="heat-legend" data-testid="heatmap-legend" data-level={map.level} data-min={map.scale?.min ?? ''} data-max={map.scale?.max ?? ''}>
      <div className="heat-legend-head">
        <span>{scope}</span>
        <span className="unit">{unit}</span>
      </div>
      {map.scale ? (
        <>
          <div className="heat-ramp" style={{ background: heatGradientCss() }} />
          <div className="heat-ticks">
            {ticks.map((v, i) => (
              <span key={i} data-testid={i === 0 ? 'heatmap-legend-min' : i === ticks.length - 1 ? 'heatmap-legend-max' : undefined} style={{ left: `${ticks.length === 1 ? 50 : (i / (ticks.length - 1)) * 100}%` }}>
                {legendNumber(v)}
              </span>
            ))}
          </div>
        </>
      ) : (
        <div className="empty">{t('heat.noData')}</div>
      )}
      <div className="heat-keys">
        <span>
          <i className="heat-swatch nodata" /> {t('heat.noValue')}
        </span>
        <span>
          <i className="heat-swatch hatch" /> {t('heat.outliers', { factor: map.outlierRule.factor })}
        </span>
      </div>
    </div>
  );
}
