// ECharts options of the wall's trend charts. Imports the chart colours, so only the lazily loaded
// WallTrendChart reaches it (ECharts stays out of the initial JS). Times are written in the compound's zone.
import type { AlarmHourly, EnergyHourly } from '../../models/trends';
import { SEVERITIES } from '../../models/alarm';
import { formatInZone } from '../../models/zoneTime';
import { CHART_COLORS, type EChartsCoreOption } from '../charts/echarts';
import type { TFunction } from '../i18n/useT';
import type { Lang } from '../i18n/translate';

const HOUR = 3_600_000;
const num = (v: number, digits: number) => v.toLocaleString('en-US', { maximumFractionDigits: digits });

/** Text sizes and spacing in px from the wall's rem (1/60 of the screen height). */
const sizes = (rem: number) => ({ font: Math.round(0.78 * rem), small: Math.round(0.7 * rem), gap: Math.round(0.4 * rem), item: Math.round(0.9 * rem) });

function axisStyle(rem: number) {
  const s = sizes(rem);
  return { axisLabel: { fontSize: s.small, color: CHART_COLORS.dim }, nameTextStyle: { fontSize: s.small, color: CHART_COLORS.dim } };
}

/** Today's hours as bars against yesterday's as a dashed line, x = the local hours of the day. */
export function energyTrendOption(d: EnergyHourly, lang: Lang, t: TFunction, rem: number): EChartsCoreOption {
  const s = sizes(rem);
  const n = Math.max(d.yesterday.values.length, Math.round((d.today.to - d.today.from) / HOUR));
  const labels = Array.from({ length: n }, (_, i) => formatInZone(d.today.from + i * HOUR, d.timeZone, lang, 'hm'));
  const today = Array.from({ length: n }, (_, i) => d.today.values[i] ?? null);
  const yesterday = Array.from({ length: n }, (_, i) => d.yesterday.values[i] ?? null);
  const unit = d.unit;
  const digits = d.metric === 'water_m3' ? 2 : 1;
  return {
    animationDuration: 600,
    // the legend and the unit are the panel's own line under the chart (EnergyPanel): every pixel here is plot
    grid: { left: s.gap, right: s.gap, top: Math.round(s.small * 0.8), bottom: s.gap / 2, containLabel: true },
    legend: { show: false },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      textStyle: { fontSize: s.font },
      valueFormatter: (v: unknown) => (typeof v === 'number' ? `${num(v, digits)} ${unit}` : '—'),
    },
    xAxis: {
      type: 'category',
      data: labels,
      axisTick: { alignWithLabel: true, interval: 5 },
      axisLabel: { ...axisStyle(rem).axisLabel, interval: 5 },
    },
    yAxis: { type: 'value', splitNumber: 2, ...axisStyle(rem), axisLabel: { ...axisStyle(rem).axisLabel, formatter: (v: number) => num(v, 0) } },
    series: [
      {
        name: t('trend.today'),
        type: 'bar',
        data: today,
        barMaxWidth: Math.round(rem * 0.7),
        itemStyle: { color: CHART_COLORS.accent, borderRadius: [2, 2, 0, 0] },
      },
      {
        name: t('trend.yesterday'),
        type: 'line',
        data: yesterday,
        connectNulls: false,
        symbol: 'none',
        smooth: 0.2,
        lineStyle: { color: CHART_COLORS.minor, width: Math.max(1.5, rem / 9), type: 'dashed' },
        itemStyle: { color: CHART_COLORS.minor },
        z: 3,
      },
    ],
  };
}

/** Annunciations per hour over the days, stacked by severity (critical at the base), labelled at each local midnight. */
export function alarmTrendOption(d: AlarmHourly, lang: Lang, t: TFunction, rem: number): EChartsCoreOption {
  const s = sizes(rem);
  const midnight = d.hours.map((h) => formatInZone(h, d.timeZone, lang, 'hm') === '00:00');
  const labels = d.hours.map((h, i) => formatInZone(h, d.timeZone, lang, midnight[i] ? 'md' : 'md-hm'));
  const tip = d.hours.map((h) => formatInZone(h, d.timeZone, lang, 'md-hm'));
  return {
    animationDuration: 600,
    grid: { left: s.gap, right: s.gap, top: s.item * 2.2, bottom: s.gap / 2, containLabel: true },
    legend: {
      top: 0,
      left: 0,
      itemWidth: s.item,
      itemHeight: Math.round(s.item * 0.6),
      itemGap: Math.round(s.item * 0.8),
      textStyle: { fontSize: s.font, color: CHART_COLORS.dim },
    },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      textStyle: { fontSize: s.font },
      formatter: (params: unknown) => {
        const ps = params as { dataIndex: number; seriesName: string; value: number; color: string }[];
        if (!ps.length) return '';
        const head = `<div style="color:${CHART_COLORS.dim}">${tip[ps[0].dataIndex]}</div>`;
        return (
          head +
          ps
            .filter((p) => p.value > 0)
            .map((p) => `<div><span style="color:${p.color}">●</span> ${p.seriesName} <b>${p.value}</b></div>`)
            .join('')
        );
      },
    },
    xAxis: {
      type: 'category',
      data: labels,
      axisTick: { interval: (i: number) => midnight[i] },
      axisLabel: { ...axisStyle(rem).axisLabel, interval: (i: number) => midnight[i], formatter: (v: string) => v.split(' ')[0] },
    },
    yAxis: { type: 'value', name: t('trend.alarms.perHour'), nameGap: s.gap, minInterval: 1, splitNumber: 3, ...axisStyle(rem) },
    series: SEVERITIES.map((sev) => ({
      name: t(`severity.${sev}`),
      type: 'bar',
      stack: 'alarms',
      data: d.counts[sev],
      barCategoryGap: '15%',
      itemStyle: { color: CHART_COLORS[sev] },
      emphasis: { focus: 'series' },
    })),
  };
}
