import { legendNumber } from '../overlays/heatScale';
import { useT } from '../i18n/useT';
import { useHeatmapStore } from '../stores/useHeatmapStore';
import { useOverlayStore } from '../stores/useOverlayStore';

/**
 * The hovered building's figure while the heatmap is on: its use over the window with the unit, and the
 * per-household (or per-m²) figure when that is what the colours show. Nothing while the heatmap is off.
 */
export function HeatTooltipLine({ buildingId }: { buildingId: string }) {
  const t = useT();
  const on = useOverlayStore((s) => s.on.heatmap);
  const map = useHeatmapStore((s) => s.buildings);
  if (!on || !map) return null;
  const it = map.items.find((i) => i.buildingId === buildingId && i.kind === 'building');
  const metric = t(`heat.metric.${map.metric}`);
  if (it?.value != null && map.metric === 'fee_rate')
    return (
      <span className="heat-tip" data-testid="tooltip-heat" data-value={it.value}>
        {metric} · <b>{it.value}%</b> · {t('heat.tip.arrears', { n: it.arrears ?? '—' })}
      </span>
    );
  if (!it || map.metric === 'fee_rate')
    return (
      <span className="heat-tip" data-testid="tooltip-heat">
        {metric} · {t('heat.tip.noValue')}
      </span>
    );
  const per =
    map.per === 'household' && it.perHousehold !== null
      ? t('heat.tip.perHousehold', { value: legendNumber(it.perHousehold), unit: map.unit })
      : map.per === 'm2' && it.perM2 !== null
        ? `${legendNumber(it.perM2)} ${t('heat.unitPer.m2', { unit: map.unit })}`
        : null;
  return (
    <span className="heat-tip" data-testid="tooltip-heat" data-value={it.value ?? ''}>
      {metric} · <b>{t('heat.tip.value', { value: legendNumber(it.total), unit: map.unit })}</b>
      {per && (
        <>
          {' · '}
          <b>{per}</b>
        </>
      )}
    </span>
  );
}
