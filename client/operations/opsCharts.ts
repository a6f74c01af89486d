// ECharts options of the operations page. Values are the API's, rounded as the CSV rounds them (money to
// 2 decimals, rates as % with 1 decimal). Text sizes follow the page's rem (bigger on a 4K screen).
import { REVENUE_STREAMS, type OperationsSummary, type ReliabilityRow } from '../../models/operations';
import { CHART_COLORS, type EChartsCoreOption } from '../charts/echarts';
import type { Lang } from '../i18n/translate';
import { fmt1, fmtInt, fmtMoney, fmtPct, moneyValue, opsTranslate, pctValue, systemName } from './opsText';

export const STREAM_COLORS = { charging: CHART_COLORS.accent, parking: CHART_COLORS.good, advertising: '#b18cff' } as const;

const sizes = (rem: number) => ({ font: Math.round(0.85 * rem), small: Math.round(0.78 * rem), gap: Math.round(0.6 * rem) });

function base(rem: number, legend = true): EChartsCoreOption {
  const s = sizes(rem);
  return {
    animation: false,
    textStyle: { fontSize: s.font },
    grid: { left: s.gap, right: s.gap * 1.5, top: legend ? Math.round(rem * 2.2) : s.gap, bottom: s.gap / 2, containLabel: true },
    legend: legend ? { top: 0, textStyle: { fontSize: s.small }, itemWidth: Math.round(rem * 1.2), itemHeight: Math.round(rem * 0.7) } : { show: false },
    tooltip: { trigger: 'axis', textStyle: { fontSize: s.font }, confine: true },
  };
}

const axis = (rem: number, extra: Record<string, unknown> = {}) => ({
  axisLabel: { fontSize: sizes(rem).small, color: CHART_COLORS.dim, hideOverlap: true },
  nameTextStyle: { fontSize: sizes(rem).small, color: CHART_COLORS.dim },
  ...extra,
});

const moneyAxis = (rem: number) => ({
  type: 'value',
  ...axis(rem),
  axisLabel: { ...axis(rem).axisLabel, formatter: (v: number) => `¥${fmtInt(v)}` },
});
const pctAxis = (rem: number, max?: number) => ({
  type: 'value',
  min: 0,
  max,
  ...axis(rem),
  axisLabel: { ...axis(rem).axisLabel, formatter: (v: number) => `${v}%` },
});

const money = (v: unknown) => (typeof v === 'number' ? fmtMoney(v) : '—');
const pct = (v: unknown) => (typeof v === 'number' ? `${fmt1(v)}%` : '—');

/** Income by stream and month as stacked bars, upkeep and the balance as lines. */
export function balanceOption(s: OperationsSummary, lang: Lang, rem: number): EChartsCoreOption {
  const months = s.months.map((m) => m.month);
  return {
    ...base(rem),
    tooltip: { ...(base(rem).tooltip as object), axisPointer: { type: 'shadow' }, valueFormatter: money },
    xAxis: { type: 'category', data: months, ...axis(rem) },
    yAxis: moneyAxis(rem),
    series: [
      ...REVENUE_STREAMS.map((k) => ({
        name: opsTranslate(lang, `stream.${k}`),
        type: 'bar',
        stack: 'income',
        barMaxWidth: Math.round(rem * 4),
        itemStyle: { color: STREAM_COLORS[k] },
        data: s.months.map((m) => moneyValue(m.income[k])),
      })),
      {
        name: opsTranslate(lang, 'upkeep'),
        type: 'line',
        symbolSize: Math.round(rem * 0.5),
        lineStyle: { width: Math.max(2, Math.round(rem * 0.15)), color: CHART_COLORS.major },
        itemStyle: { color: CHART_COLORS.major },
        data: s.months.map((m) => moneyValue(m.upkeep.total)),
      },
      {
        name: opsTranslate(lang, 'balance'),
        type: 'line',
        symbolSize: Math.round(rem * 0.4),
        lineStyle: { width: Math.max(1, Math.round(rem * 0.1)), type: 'dashed', color: CHART_COLORS.warning },
        itemStyle: { color: CHART_COLORS.warning },
        data: s.months.map((m) => moneyValue(m.balance)),
      },
    ],
  };
}

/** Income per local day, stacked by stream. */
export function dailyOption(s: OperationsSummary, lang: Lang, rem: number): EChartsCoreOption {
  return {
    ...base(rem),
    tooltip: { ...(base(rem).tooltip as object), valueFormatter: money },
    xAxis: { type: 'category', data: s.daily.map((d) => d.day.slice(5)), boundaryGap: false, ...axis(rem) },
    yAxis: moneyAxis(rem),
    series: REVENUE_STREAMS.map((k) => ({
      name: opsTranslate(lang, `stream.${k}`),
      type: 'line',
      stack: 'income',
      showSymbol: false,
      areaStyle: { opacity: 0.25 },
      lineStyle: { width: Math.max(1, Math.round(rem * 0.12)) },
      itemStyle: { color: STREAM_COLORS[k] },
      data: s.daily.map((d) => moneyValue(d.income[k])),
    })),
  };
}

/** Charger utilisation and parking occupancy by local hour 0–23, in %. */
export function hourlyOption(s: OperationsSummary, lang: Lang, rem: number): EChartsCoreOption {
  const hours = Array.from({ length: 24 }, (_, h) => String(h));
  return {
    ...base(rem),
    tooltip: { ...(base(rem).tooltip as object), valueFormatter: pct },
    xAxis: { type: 'category', data: hours, name: lang === 'en' ? 'h' : '时', ...axis(rem) },
    yAxis: pctAxis(rem, 100),
    series: [
      {
        name: opsTranslate(lang, 'chart.hourly.charging'),
        type: 'bar',
        barMaxWidth: Math.round(rem * 1.4),
        itemStyle: { color: CHART_COLORS.accent },
        data: hours.map((_, h) => pctValue(s.charging.utilisationByHour[h] ?? null)),
      },
      {
        name: opsTranslate(lang, 'chart.hourly.parking'),
        type: 'line',
        connectNulls: false,
        symbolSize: Math.round(rem * 0.45),
        lineStyle: { width: Math.max(2, Math.round(rem * 0.15)), color: CHART_COLORS.good },
        itemStyle: { color: CHART_COLORS.good },
        data: hours.map((_, h) => pctValue(s.parking.occupancyByHour[h] ?? null)),
      },
    ],
  };
}

/** Horizontal bars of failure rate (%) for models or maintainers; failures, MTTR and availability in the tooltip. */
export function reliabilityBarsOption(rows: readonly ReliabilityRow[], lang: Lang, rem: number, color: string): EChartsCoreOption {
  // the worst on top: ECharts draws category 0 at the bottom
  const list = [...rows].reverse();
  const tip = (i: number) => {
    const r = list[i];
    if (!r) return '';
    const kind = r.kind ? ` (${opsOwner(lang, r.kind) ?? systemName(lang, r.kind)})` : '';
    return [
      `<b>${escapeHtml(r.key)}</b>${escapeHtml(kind)}`,
      `${opsTranslate(lang, 'col.failureRate')}: ${fmtPct(r.failureRate)}`,
      `${opsTranslate(lang, 'col.failures')}: ${fmtInt(r.failures)} / ${opsTranslate(lang, 'devices', { n: fmtInt(r.devices) })}`,
      `${opsTranslate(lang, 'col.mttr')}: ${r.mttrMin === null ? '—' : opsTranslate(lang, 'hours', { n: fmt1(r.mttrMin / 60) })}`,
      `${opsTranslate(lang, 'col.availability')}: ${fmtPct(r.availability)}`,
      `${opsTranslate(lang, 'col.cost')}: ${fmtMoney(r.cost)}`,
    ].join('<br/>');
  };
  const b = base(rem, false);
  return {
    ...b,
    // room on the right for the value labels (87.5% · 12)
    grid: { ...(b.grid as object), right: Math.round(rem * 6) },
    tooltip: {
      ...(base(rem).tooltip as object),
      axisPointer: { type: 'shadow' },
      formatter: (p: { dataIndex: number }[] | { dataIndex: number }) => tip(Array.isArray(p) ? (p[0]?.dataIndex ?? -1) : p.dataIndex),
    },
    xAxis: pctAxis(rem),
    yAxis: {
      type: 'category',
      data: list.map((r) => r.key),
      ...axis(rem),
      axisLabel: { ...axis(rem).axisLabel, width: Math.round(rem * 11), overflow: 'truncate' },
    },
    series: [
      {
        name: opsTranslate(lang, 'chart.failureRate'),
        type: 'bar',
        barMaxWidth: Math.round(rem * 1.2),
        itemStyle: { color, borderRadius: [0, 3, 3, 0] },
        label: {
          show: true,
          position: 'right',
          fontSize: sizes(rem).small,
          color: CHART_COLORS.text,
          formatter: (p: { dataIndex: number }) => {
            const r = list[p.dataIndex];
            return r ? `${fmtPct(r.failureRate)} · ${fmtInt(r.failures)}` : '';
          },
        },
        data: list.map((r) => pctValue(r.failureRate)),
      },
    ],
  };
}

function opsOwner(lang: Lang, kind: string): string | null {
  const w = opsTranslate(lang, `owner.${kind}` as Parameters<typeof opsTranslate>[1]);
  return w && !w.startsWith('owner.') ? w : null;
}

/** Collection rate (paid ÷ billed) per bill month, in %. */
export function collectionOption(s: OperationsSummary, lang: Lang, rem: number): EChartsCoreOption {
  const m = s.fees.months;
  return {
    ...base(rem, false),
    tooltip: {
      ...(base(rem).tooltip as object),
      formatter: (p: { dataIndex: number }[]) => {
        const row = m[p[0]?.dataIndex ?? -1];
        if (!row) return '';
        return `<b>${row.month}</b><br/>${opsTranslate(lang, 'col.collection')}: ${fmtPct(row.rate)}<br/>${fmtMoney(row.paid)} / ${fmtMoney(row.billed)}<br/>${
          lang === 'en' ? 'Households in arrears' : '欠费户数'
        }: ${fmtInt(row.arrearsHouseholds)}`;
      },
    },
    xAxis: { type: 'category', data: m.map((r) => r.month), ...axis(rem) },
    yAxis: { ...pctAxis(rem, 100), min: (v: { min: number }) => Math.max(0, Math.floor((v.min - 5) / 10) * 10) },
    series: [
      {
        name: opsTranslate(lang, 'col.collection'),
        type: 'line',
        connectNulls: false,
        symbolSize: Math.round(rem * 0.5),
        lineStyle: { width: Math.max(2, Math.round(rem * 0.15)), color: CHART_COLORS.accent2 },
        itemStyle: { color: CHART_COLORS.accent2 },
        areaStyle: { opacity: 0.12 },
        label: {
          show: m.length <= 12,
          position: 'top',
          fontSize: sizes(rem).small,
          color: CHART_COLORS.text,
          formatter: (p: { value: unknown }) => pct(p.value),
        },
        data: m.map((r) => pctValue(r.rate)),
      },
    ],
  };
}

/** Plays (bars) and income (line, right axis) per advertising slot. */
export function adsOption(s: OperationsSummary, lang: Lang, rem: number): EChartsCoreOption {
  const slots = s.advertising.bySlot;
  return {
    ...base(rem),
    tooltip: { ...(base(rem).tooltip as object), axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'category',
      data: slots.map((x) => x.slot),
      ...axis(rem),
      axisLabel: { ...axis(rem).axisLabel, interval: 0, width: Math.round(rem * 7), overflow: 'truncate' },
    },
    yAxis: [
      { type: 'value', ...axis(rem), axisLabel: { ...axis(rem).axisLabel, formatter: (v: number) => fmtInt(v) } },
      { ...moneyAxis(rem), splitLine: { show: false } },
    ],
    series: [
      {
        name: opsTranslate(lang, 'chart.plays'),
        type: 'bar',
        barMaxWidth: Math.round(rem * 3),
        itemStyle: { color: '#b18cff' },
        tooltip: { valueFormatter: (v: unknown) => (typeof v === 'number' ? fmtInt(v) : '—') },
        data: slots.map((x) => x.plays),
      },
      {
        name: opsTranslate(lang, 'income'),
        type: 'line',
        yAxisIndex: 1,
        symbolSize: Math.round(rem * 0.5),
        lineStyle: { width: Math.max(2, Math.round(rem * 0.15)), color: CHART_COLORS.minor },
        itemStyle: { color: CHART_COLORS.minor },
        tooltip: { valueFormatter: money },
        data: slots.map((x) => moneyValue(x.income)),
      },
    ],
  };
}

/** Income against upkeep per compound (the district page). */
export function districtOption(rows: { name: string; income: number; upkeep: number; balance: number }[], lang: Lang, rem: number): EChartsCoreOption {
  return {
    ...base(rem),
    tooltip: { ...(base(rem).tooltip as object), axisPointer: { type: 'shadow' }, valueFormatter: money },
    xAxis: { type: 'category', data: rows.map((r) => r.name), ...axis(rem), axisLabel: { ...axis(rem).axisLabel, interval: 0 } },
    yAxis: moneyAxis(rem),
    series: [
      {
        name: opsTranslate(lang, 'income'),
        type: 'bar',
        barMaxWidth: Math.round(rem * 3),
        itemStyle: { color: CHART_COLORS.accent },
        data: rows.map((r) => moneyValue(r.income)),
      },
      {
        name: opsTranslate(lang, 'upkeep'),
        type: 'bar',
        barMaxWidth: Math.round(rem * 3),
        itemStyle: { color: CHART_COLORS.major },
        data: rows.map((r) => moneyValue(r.upkeep)),
      },
      {
        name: opsTranslate(lang, 'balance'),
        type: 'bar',
        barMaxWidth: Math.round(rem * 3),
        itemStyle: { color: CHART_COLORS.warning },
        data: rows.map((r) => moneyValue(r.balance)),
      },
    ],
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
