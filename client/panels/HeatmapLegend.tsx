import { useMemo } from 'react';
import { useT, type TFunction } from '../i18n/useT';
import { domainTicks, heatGradientCss, legendNumber, mapDomain, rampOf, type HeatDomain } from '../overlays/heatScale';
import type { HeatMap } from '../stores/useHeatmapStore';

export interface HeatmapLegendProps {
  map: HeatMap;
  /** What the colours stand for: buildings, or the opened building's cells. */
  scope: string;
}

/** The unit the map's values are in: kWh, kWh/户 (per household), kWh/m². */
export function heatUnit(t: TFunction, map: Pick<HeatMap, 'per' | 'unit'>): string {
  return map.per === 'total' ? map.unit : t(map.per === 'household' ? 'heat.unitPer.household' : 'heat.unitPer.m2', { unit: map.unit });
}

/**
 * The colour ramp over its domain (from zero to a round top, see heatScale), ticks with the unit, the
 * real smallest and largest value beside it (the API's `scale`), and the keys for no data and outliers.
 */
export function HeatmapLegend({ map, scope }: HeatmapLegendProps) {
  const t = useT();
  const unit = heatUnit(t, map);
  const domain = useMemo(() => (map.scale ? mapDomain(map) : null), [map]);
  const ticks = domainTicks(domain);
  return (
    <div
      className="heat-legend"
      data-testid="heatmap-legend"
      data-level={map.level}
      data-min={map.scale?.min ?? ''}
      data-max={map.scale?.max ?? ''}
      data-domain-min={domain?.min ?? ''}
      data-domain-max={domain?.max ?? ''}
      data-metric={map.metric}
    >
      <div className="heat-legend-head">
        <span>{scope}</span>
        <span className="unit">{unit}</span>
      </div>
      {map.scale && domain ? (
        <>
          <div className="heat-ramp" style={{ background: heatGradientCss(rampOf(map)) }}>
            {/* where the data really lies on the ramp */}
            <i
              className="heat-span"
              style={{ left: `${pos(map.scale.min, domain)}%`, width: `${Math.max(0.8, pos(map.scale.max, domain) - pos(map.scale.min, domain))}%` }}
            />
          </div>
          <div className="heat-ticks" data-testid="heatmap-ticks">
            {ticks.map((v, i) => (
              <span key={i} style={{ left: `${ticks.length === 1 ? 50 : (i / (ticks.length - 1)) * 100}%` }}>
                {i === ticks.length - 1 && domain.clipped ? '≥' : ''}
                {legendNumber(v)}
                {i === ticks.length - 1 ? <small> {unit}</small> : null}
              </span>
            ))}
          </div>
          <div className="heat-actual">
            {t('heat.legend.actual')} <b data-testid="heatmap-legend-min">{legendNumber(map.scale.min)}</b>–
            <b data-testid="heatmap-legend-max">{legendNumber(map.scale.max)}</b> {unit}
            {domain.clipped && <span className="heat-clipped"> · {t('heat.legend.clipped', { max: legendNumber(domain.max) })}</span>}
          </div>
        </>
      ) : (
        <div className="empty">{t('heat.noData')}</div>
      )}
      <div className="heat-keys">
        <span>
          <i className="heat-swatch nodata" /> {t('heat.noValue')}
        </span>
        {map.metric !== 'fee_rate' && (
          <span>
            <i className="heat-swatch hatch" /> {t('heat.outliers', { factor: map.outlierRule.factor })}
          </span>
        )}
      </div>
    </div>
  );
}

function pos(v: number, d: HeatDomain): number {
  return d.max > d.min ? Math.min(100, Math.max(0, ((v - d.min) / (d.max - d.min)) * 100)) : 50;
}
