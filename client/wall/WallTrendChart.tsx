import { useMemo } from 'react';
import type { AlarmHourly, EnergyHourly } from '../../models/trends';
import { LazyEChart } from '../charts/LazyEChart';
import { useT } from '../i18n/useT';
import { useUiStore } from '../stores/useUiStore';
import { alarmTrendOption, energyTrendOption } from './trendOptions';
import { useRemPx } from './useTrends';

export type WallTrendChartProps = { kind: 'energy'; data: EnergyHourly; ariaLabel: string } | { kind: 'alarms'; data: AlarmHourly; ariaLabel: string };

/**
 * One of the wall's trend charts, filling its box (the panel gives it the height left). Loaded lazily
 * (default export): it reaches the chart colours, which live beside ECharts.
 */
export default function WallTrendChart(props: WallTrendChartProps) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const rem = useRemPx();
  const option = useMemo(
    () => (props.kind === 'energy' ? energyTrendOption(props.data, lang, t, rem) : alarmTrendOption(props.data, lang, t, rem)),
    [props.kind, props.data, lang, t, rem],
  );
  return <LazyEChart option={option} lang={lang} height="100%" testId={`wall-${props.kind}-echart`} ariaLabel={props.ariaLabel} className="wall-echart" />;
}
