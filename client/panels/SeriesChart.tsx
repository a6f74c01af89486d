import { useEffect, useMemo, useRef, useState } from 'react';
import { SEVERITY_RANK, type Alarm } from '../../models/alarm';
import type { Device } from '../../models/compound';
import type { Series } from '../../models/reading';
import { formatInZone } from '../../models/zoneTime';
import { CHART_COLORS, type ECharts, type EChartsCoreOption } from '../charts/echarts';
import EChart from '../charts/EChart';
import { api } from '../live/api';
import { metricName, metricUnit, translate, type Lang } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { liveStore } from '../stores/liveStore';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import {
  alarmBands,
  appendLive,
  buildModel,
  chartKind,
  chartTime,
  fitAxis,
  isolated,
  OP_SIGN,
  pointWidthMs,
  type Band,
  type ChartModel,
} from './deviceChartModel';
import { formatValue } from './format';
import { primaryMetric } from './primaryMetric';

const RANGES = {
  '24h': { ms: 86_400_000, line: '15m', bars: '1h' },
  '7d': { ms: 7 * 86_400_000, line: '1h', bars: '1d' },
  '30d': { ms: 30 * 86_400_000, line: '1h', bars: '1d' },
} as const;
type Range = keyof typeof RANGES;

/** Which metric each alarm rule watches, per device type, learnt from series responses (the client has no rules of its own). */
const RULE_METRICS = new Map<string, Map<string, string | null>>();

const hexA = (hex: string, a: number) => {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
};

/**
 * A device's history for 24 h / 7 d / 30 d in Apache ECharts: a line with its min–max band for levels,
 * steps for on/off states, bars for consumption; threshold lines of its alarm rules, its alarm periods
 * as bands, gaps where it was silent, a crosshair tooltip in the compound's time zone, zoom, and live
 * readings appended to the chart instance (never through React state). Loaded lazily with ECharts.
 */
export default function SeriesChart({ device, alarms }: { device: Device; alarms: Alarm[] | null }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const zone = useTwinStore((s) => s.compound?.timeZone);
  const [range, setRange] = useState<Range>('24h');
  // a metric picked by hand, for the device it was picked on; otherwise the one that matters (primaryMetric)
  const [chosen, setChosen] = useState<{ deviceId: string; metric: string } | null>(null);
  const [ruleMetric, setRuleMetric] = useState(() => RULE_METRICS.get(device.type) ?? null);
  const rm = RULE_METRICS.get(device.type) ?? ruleMetric;
  const auto = useMemo(() => {
    const active = (alarms ?? []).filter((a) => a.active).sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
    return primaryMetric(
      device,
      active.map((a) => rm?.get(a.ruleId) ?? null),
    );
  }, [device, alarms, rm]);
  const metric = chosen && chosen.deviceId === device.id && device.metrics.includes(chosen.metric) ? chosen.metric : auto;
  const [data, setData] = useState<{ series: Series; key: string } | { error: string; key: string } | null>(null);
  const key = `${device.id}|${metric}|${range}`;
  const kind = chartKind(metric);
  // the alarm history decides the opening metric: wait for it rather than open on one and jump to another
  const ready = alarms !== null;
  useEffect(() => {
    if (!ready) return;
    const ctrl = new AbortController();
    const to = Date.now();
    const r = RANGES[range];
    api.series(device.id, metric, to - r.ms, to, kind === 'bars' ? r.bars : r.line, ctrl.signal).then(
      (series) => {
        const map = new Map((series.rules ?? []).map((x) => [x.ruleId, x.metric] as const));
        RULE_METRICS.set(device.type, map);
        setRuleMetric(map);
        setData({ series, key });
      },
      (err: unknown) => !ctrl.signal.aborted && setData({ error: err instanceof Error ? err.message : String(err), key }),
    );
    return () => ctrl.abort();
  }, [device.id, device.type, metric, range, kind, key, ready]);

  const current = data && data.key === key ? data : null;
  const series = current && 'series' in current ? current.series : null;
  const model = useMemo(
    () => (series ? buildModel(series.points, series.metric, pointWidthMs(series.bucket, device.intervalS), zone) : null),
    [series, device.intervalS, zone],
  );
  // an active alarm's band runs to the moment the data (or the alarm list) arrived: deliberately not re-rendered per tick
  // eslint-disable-next-line react-hooks/purity
  const bands = useMemo(() => (series && alarms ? alarmBands(alarms, rm, series.metric, series.from, series.to, Date.now()) : []), [series, alarms, rm]);
  const option = useMemo(() => (series && model ? buildOption(series, model, bands, lang, zone) : null), [series, model, bands, lang, zone]);

  // live readings: appended to the model's arrays and pushed into the ECharts instance; React never hears of them
  const chart = useRef<ECharts | null>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!model || !series) return;
    const minStep = device.intervalS * 500;
    let lastLive = liveStore.getState().devices.get(device.id)?.lastSeen ?? -Infinity;
    if (box.current) box.current.dataset.live = '0';
    return liveStore.subscribe((s, p) => {
      if (s.readingRev === p.readingRev) return;
      const ch = s.changedReadings;
      if (ch[0] !== '*' && !ch.includes(device.id)) return;
      const st = s.devices.get(device.id);
      const v = st?.values[series.metric];
      const ts = st?.lastSeen;
      // one point per report: another metric's reading of the same report moves lastSeen too
      if (v === undefined || ts == null || ts - lastLive < minStep) return;
      lastLive = ts;
      if (!appendLive(model, ts, v, zone)) return;
      // for tests and people inspecting the page: how many live readings this chart took (the DOM, not React)
      const el = box.current;
      if (el) el.dataset.live = String(Number(el.dataset.live ?? 0) + 1);
      const c = chart.current;
      if (!c) return;
      const axis = fitAxis(
        model.rows,
        series.thresholds.map((x) => x.value),
        model.kind,
        series.metric,
      );
      c.setOption({ yAxis: axis, series: seriesData(model) });
    });
  }, [model, series, device.id, device.intervalS, zone]);

  let body: React.ReactNode;
  if (!current) body = <div className="chart-placeholder">{t('device.chartLoading')}</div>;
  else if ('error' in current) body = <div className="chart-placeholder error">{t('device.chartError', { error: current.error })}</div>;
  else if (current.series.points.length === 0) body = <div className="chart-placeholder">{t('device.chartEmpty')}</div>;
  else if (option)
    body = (
      <div
        className="series-chart-box"
        ref={box}
        data-testid="series-chart"
        data-metric={current.series.metric}
        data-kind={kind}
        data-thresholds={current.series.thresholds.map((x) => x.value).join(',')}
        data-bands={bands.map((b) => b.severity).join(',')}
        data-points={current.series.points.length}
      >
        <EChart
          option={option}
          lang={lang}
          height="17rem"
          testId="series-echart"
          ariaLabel={t('dchart.aria', { metric: metricName(lang, current.series.metric), range: t(`device.range.${range}`) })}
          onChart={(c) => void (chart.current = c)}
        />
      </div>
    );
  return (
    <div className="chart">
      <div className="chart-controls">
        <div className="seg">
          {(Object.keys(RANGES) as Range[]).map((r) => (
            <button key={r} type="button" className={r === range ? 'on' : ''} data-testid={`range-${r}`} onClick={() => setRange(r)}>
              {t(`device.range.${r}`)}
            </button>
          ))}
        </div>
        {device.metrics.length > 1 && (
          <select
            value={metric}
            data-testid="chart-metric"
            onChange={(e) => setChosen({ deviceId: device.id, metric: e.target.value })}
            aria-label={t('dchart.metric')}
          >
            {device.metrics.map((m) => (
              <option key={m} value={m}>
                {metricName(lang, m)}
              </option>
            ))}
          </select>
        )}
        <span className="unit">{metricUnit(lang, metric)}</span>
      </div>
      {body}
    </div>
  );
}

/** The data part of the option, by series id: what a live reading re-sends. */
function seriesData(m: ChartModel) {
  return m.kind === 'line'
    ? [
        { id: 'base', data: m.base },
        { id: 'band', data: m.band },
        { id: 'main', data: m.main },
      ]
    : [{ id: 'main', data: m.main }];
}

const SEV_COLOR = (s: Band['severity']) => CHART_COLORS[s];

function buildOption(s: Series, m: ChartModel, bands: Band[], lang: Lang, zone: string | undefined): EChartsCoreOption {
  const tr = (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate(lang, k, p);
  const name = metricName(lang, s.metric);
  const unit = metricUnit(lang, s.metric);
  const withUnit = (v: number) => (unit ? `${formatValue(v)} ${unit}` : formatValue(v));
  const axis = fitAxis(
    m.rows,
    s.thresholds.map((x) => x.value),
    m.kind,
    s.metric,
  );
  const span = s.to - s.from;
  // ECharts sizes in pixels; the console scales with the root font size (rem grows on a 4K wall), so the chart does too
  const rem = typeof document === 'undefined' ? 16 : parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const px = (r: number) => Math.round(r * rem);
  const fmtX = (x: number) => formatInZone(x, 'UTC', lang, 'md-hm');
  const tickX = (x: number) => {
    // zone wall time drawn in UTC: a tick on the compound's midnight shows the date, others the time
    const midnight = x % 86_400_000 === 0;
    return formatInZone(x, 'UTC', lang, midnight || span > 3 * 86_400_000 ? 'md' : 'hm');
  };
  const markLine = s.thresholds.length
    ? {
        symbol: 'none',
        silent: true,
        animation: false,
        data: s.thresholds.map((x) => ({
          yAxis: x.value,
          lineStyle: { color: SEV_COLOR(x.severity), type: 'dashed', width: Math.max(1.5, rem / 10) },
          label: {
            formatter: tr('dchart.threshold', { severity: tr(`severity.${x.severity}`), op: OP_SIGN[x.op], value: formatValue(x.value) }),
            position: 'insideStartTop',
            color: SEV_COLOR(x.severity),
            fontSize: px(0.7),
          },
        })),
      }
    : undefined;
  const markArea = bands.length
    ? {
        silent: true,
        animation: false,
        data: bands.map((b) => [
          {
            xAxis: chartTime(b.from, zone),
            itemStyle: { color: hexA(SEV_COLOR(b.severity), b.active ? 0.26 : 0.16), borderColor: hexA(SEV_COLOR(b.severity), 0.6), borderWidth: 0.5 },
          },
          { xAxis: chartTime(b.to, zone) },
        ]),
      }
    : undefined;
  const color = CHART_COLORS.accent;
  const main =
    m.kind === 'bars'
      ? { id: 'main', type: 'bar', name, data: m.main, barMaxWidth: 14, itemStyle: { color: hexA(color, 0.75) }, markLine, markArea }
      : {
          id: 'main',
          type: 'line',
          name,
          data: m.main,
          step: m.kind === 'step' ? 'end' : undefined,
          connectNulls: false,
          // a point alone between gaps is a dot; points on a line need none
          symbolSize: (_v: unknown, p: { dataIndex: number }) => (isolated(m.rows, p.dataIndex) ? 5 : 0),
          lineStyle: { color, width: Math.max(1.6, rem / 9) },
          itemStyle: { color },
          areaStyle: m.kind === 'step' ? { color: hexA(color, 0.12) } : undefined,
          markLine,
          markArea,
          z: 3,
        };
  const seriesList: object[] =
    m.kind === 'line'
      ? [
          {
            id: 'base',
            type: 'line',
            data: m.base,
            stack: 'band',
            lineStyle: { opacity: 0 },
            symbol: 'none',
            connectNulls: false,
            silent: true,
            tooltip: { show: false },
          },
          {
            id: 'band',
            type: 'line',
            data: m.band,
            stack: 'band',
            lineStyle: { opacity: 0 },
            symbol: 'none',
            connectNulls: false,
            silent: true,
            areaStyle: { color: hexA(color, 0.18) },
            tooltip: { show: false },
          },
          main,
        ]
      : [main];
  return {
    useUTC: true,
    animation: false,
    grid: { left: px(0.5), right: px(0.9), top: px(1.4), bottom: px(2.8), containLabel: true },
    tooltip: {
      trigger: 'axis',
      textStyle: { fontSize: px(0.78) },
      padding: [px(0.35), px(0.55)],
      confine: true,
      axisPointer: { type: 'cross', snap: true },
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as { seriesId?: string; dataIndex: number }[];
        const p = list.find((x) => x.seriesId === 'main');
        if (!p) return '';
        const r = m.rows[p.dataIndex];
        const x = m.main[p.dataIndex]?.[0];
        const head = `<div style="color:${CHART_COLORS.dim}">${x === undefined ? '' : fmtX(x)}</div>`;
        if (!r) return `${head}${tr('dchart.offGap')}`;
        const lines = [`<b>${name}</b> ${withUnit(r.v)}`];
        if (m.kind === 'line' && r.hi > r.lo)
          lines.push(`<span style="color:${CHART_COLORS.dim}">${tr('dchart.minMax')}</span> ${formatValue(r.lo)} – ${withUnit(r.hi)}`);
        const inBand = bands.filter((b) => x !== undefined && chartTime(b.from, zone) <= x && x <= chartTime(b.to, zone));
        for (const b of inBand) lines.push(`<span style="color:${SEV_COLOR(b.severity)}">■ ${tr('dchart.alarmBand')} · ${tr(`severity.${b.severity}`)}</span>`);
        return head + lines.join('<br/>');
      },
    },
    xAxis: {
      type: 'time',
      min: chartTime(s.from, zone),
      max: (v: { max: number }) => Math.max(v.max, chartTime(s.to, zone)),
      axisLabel: { formatter: tickX, hideOverlap: true, fontSize: px(0.65) },
      axisPointer: { label: { formatter: (p: { value: number }) => fmtX(p.value), fontSize: px(0.65) } },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      ...axis,
      scale: true,
      axisLabel: { fontSize: px(0.65), formatter: (v: number) => formatValue(v) },
      axisPointer: { label: { formatter: (p: { value: number }) => withUnit(Number(p.value)), fontSize: px(0.65) } },
    },
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
      { type: 'slider', xAxisIndex: 0, filterMode: 'none', height: px(0.9), bottom: px(0.4), showDetail: false, brushSelect: false },
    ],
    series: seriesList,
  };
}
