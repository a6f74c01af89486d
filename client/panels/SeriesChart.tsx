import { useEffect, useState } from 'react';
import type { Device } from '../../models/compound';
import { METRICS } from '../../models/deviceTypes';
import type { Series } from '../../models/reading';
import { api } from '../live/api';
import { metricName, metricUnit } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { useUiStore } from '../stores/useUiStore';
import { seriesPaths } from './chartGeometry';
import { formatValue } from './format';

const RANGES = { '24h': { ms: 86_400_000, line: '15m', bars: '1h' }, '7d': { ms: 7 * 86_400_000, line: '1h', bars: '1d' }, '30d': { ms: 30 * 86_400_000, line: '1h', bars: '1d' } } as const;
type Range = keyof typeof RANGES;
const W = 320;
const H = 120;

/** A device's history for 24 h / 7 d / 30 d: min–max band and average for levels, bars for consumption. Lazy-loaded. */
export default function SeriesChart({ device }: { device: Device }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const [range, setRange] = useState<Range>('24h');
  const [chosen, setMetric] = useState(device.metrics[0]);
  // another device selected: until the effect below resets the choice, never ask for a metric it lacks (a 400)
  const metric = device.metrics.includes(chosen) ? chosen : device.metrics[0];
  const [data, setData] = useState<{ series: Series; key: string } | { error: string; key: string } | null>(null);
  const mode = METRICS[metric]?.agg === 'sum' ? 'bars' : 'line';
  const key = `${device.id}|${metric}|${range}`;
  useEffect(() => {
    setMetric(device.metrics[0]);
  }, [device]);
  useEffect(() => {
    const ctrl = new AbortController();
    const to = Date.now();
    const r = RANGES[range];
    api.series(device.id, metric, to - r.ms, to, mode === 'bars' ? r.bars : r.line, ctrl.signal).then(
      (series) => setData({ series, key }),
      (err: unknown) => !ctrl.signal.aborted && setData({ error: err instanceof Error ? err.message : String(err), key }),
    );
    return () => ctrl.abort();
  }, [device.id, metric, range, mode, key]);

  const current = data && data.key === key ? data : null;
  let body: React.ReactNode;
  if (!current) body = <div className="chart-placeholder">{t('device.chartLoading')}</div>;
  else if ('error' in current) body = <div className="chart-placeholder error">{t('device.chartError', { error: current.error })}</div>;
  else if (current.series.points.length === 0) body = <div className="chart-placeholder">{t('device.chartEmpty')}</div>;
  else {
    const s = current.series;
    const p = seriesPaths(s.points, s.from, s.to, W, H, mode);
    body = (
      <svg className="series-chart" viewBox={`-44 -8 ${W + 52} ${H + 28}`} role="img" aria-label={`${metricName(lang, metric)} ${range}`} data-testid="series-chart">
        {p.ticks.map((v) => (
          <g key={v}>
            <line x1={0} x2={W} y1={p.sy(v)} y2={p.sy(v)} className="grid" />
            <text x={-6} y={p.sy(v) + 4} className="tick" textAnchor="end">
              {formatValue(v)}
            </text>
          </g>
        ))}
        {mode === 'line' ? (
          <>
            <path d={p.band} className="band" />
            <path d={p.line} className="line" />
          </>
        ) : (
          <path d={p.bars} className="bars" />
        )}
        <text x={0} y={H + 18} className="tick">
          {new Date(s.from).toLocaleDateString(lang)}
        </text>
        <text x={W} y={H + 18} className="tick" textAnchor="end">
          {new Date(s.to).toLocaleString(lang, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })}
        </text>
      </svg>
    );
  }
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
          <select value={metric} onChange={(e) => setMetric(e.target.value)} aria-label={t('device.history')}>
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
