import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { REVENUE_STREAMS, type DistrictOperations, type OperationsSummary, type ReliabilityRow } from '../../models/operations';
import { formatInZone } from '../../models/zoneTime';
import { DEFAULT_TIME_ZONE } from '../../models/compound';
import type { EChartsCoreOption } from '../charts/echarts';
import { LazyEChart } from '../charts/LazyEChart';
import type { Lang } from '../i18n/translate';
import { useCompoundList } from '../live/useCompoundList';
import { navigatePath } from '../modes/route';
import { LanguageSwitch } from '../panels/LanguageSwitch';
import { useJson } from '../rating/useJson';
import { useUiStore } from '../stores/useUiStore';
import { useHtmlClass } from '../wall/useHtmlClass';
import { adsOption, balanceOption, collectionOption, dailyOption, districtOption, hourlyOption, reliabilityBarsOption } from './opsCharts';
import {
  fmt1,
  fmtInt,
  fmtMoney,
  fmtPct,
  rangeQuery,
  systemName,
  useOpsT,
  windowFromSearch,
  zoneDate,
  windowRange,
  type OpsT,
  type OpsWindow,
  type WindowKind,
} from './opsText';
import { overallReliability } from './overall';
import './operations.css';
import { useRemPx } from '../charts/useRemPx';

/** `?compound=all`: the district's sums instead of one compound. */
export const ALL = 'all';

/** The window in the address bar (replaceState: the choice survives a reload and rides along in links). */
function useOpsWindow(): [OpsWindow, (w: OpsWindow) => void] {
  const [w, setW] = useState<OpsWindow>(() => windowFromSearch(window.location.search));
  const set = (next: OpsWindow) => {
    const url = new URL(window.location.href);
    for (const k of ['window', 'from', 'to']) url.searchParams.delete(k);
    if (next.kind !== '30d') url.searchParams.set('window', next.kind);
    if (next.kind === 'custom') {
      url.searchParams.set('from', next.from!);
      url.searchParams.set('to', next.to!);
    }
    window.history.replaceState(window.history.state, '', url);
    setW(next);
  };
  return [w, set];
}

/**
 * The operations page (`/operations?compound=`): income by stream against upkeep, chargers and parking by hour,
 * reliability, fees, repairs — the compound's own figures from GET /compounds/:id/operations; `?compound=all`
 * shows the district's sums (GET /district/operations).
 */
export function OperationsMode({ compoundId }: { compoundId: string }) {
  useHtmlClass('mode-operations');
  const t = useOpsT();
  const lang = useUiStore((s) => s.lang);
  const rem = useRemPx(15);
  const [win, setWin] = useOpsWindow();
  const [attempt, setAttempt] = useState(0);
  const list = useCompoundList();
  const district = compoundId === ALL;
  // the zone of the compound (from the list once known; the summary names it too)
  const [zone, setZone] = useState<string>(DEFAULT_TIME_ZONE);
  const range = useMemo(() => windowRange(win, zone), [win, zone]);
  const q = rangeQuery(range);
  const path = district ? `/api/v1/district/operations` : `/api/v1/compounds/${encodeURIComponent(compoundId)}/operations`;
  const url = `${path}${q ? `?${q}` : ''}`;
  const data = useJson<OperationsSummary | DistrictOperations>(url, attempt);
  const summary = !district && data.state === 'ready' ? (data.data as OperationsSummary) : null;
  const sums = district && data.state === 'ready' ? (data.data as DistrictOperations) : null;
  useEffect(() => {
    if (summary?.timeZone && summary.timeZone !== zone) setZone(summary.timeZone);
  }, [summary, zone]);
  const entry = list?.find((c) => c.id === compoundId);
  const name = district ? t('districtTitle') : entry ? (lang === 'en' ? entry.nameEn : entry.name) : compoundId;
  const ready = summary ?? sums;
  useEffect(() => {
    document.title = district ? t('districtTitle') : t('title', { name });
  }, [district, name, t]);

  return (
    <div className="ops-page" data-testid="ops-page" data-compound={compoundId}>
      <header className="ops-head">
        <div className="ops-head-main">
          <h1 data-testid="ops-title">{district ? t('districtTitle') : t('title', { name })}</h1>
          <p className="ops-meta">
            {t('window')}
            {lang === 'en' ? ': ' : '：'}
            <span data-testid="ops-window">{ready ? windowText(ready.from, ready.to, summary?.timeZone ?? zone, lang, t) : '…'}</span>
          </p>
        </div>
        <nav className="ops-actions" aria-label={t('window')}>
          <CompoundSwitch current={compoundId} list={list} lang={lang} t={t} />
          <WindowPicker win={win} onWin={setWin} t={t} zone={zone} />
          <button type="button" className="primary" onClick={() => window.print()} data-testid="ops-print">
            {t('print')}
          </button>
          <a href={`${path}?format=csv${q ? `&${q}` : ''}`} download={`operations-${compoundId}.csv`} data-testid="ops-csv">
            {t('csv')}
          </a>
          {!district && <a href={`/?compound=${encodeURIComponent(compoundId)}`}>{t('console')}</a>}
          <a
            href="/district"
            onClick={(e) => {
              e.preventDefault();
              navigatePath('/district');
            }}
          >
            {t('district')}
          </a>
          <LanguageSwitch />
        </nav>
      </header>
      {data.state === 'loading' && (
        <div className="ops-status" role="status">
          <div className="spinner" />
          {t('loading')}
        </div>
      )}
      {data.state === 'error' && (
        <div className="ops-status ops-error" role="alert" data-testid="ops-error">
          {t('failed', { error: data.error })}
          <button type="button" onClick={() => setAttempt((a) => a + 1)}>
            {t('retry')}
          </button>
        </div>
      )}
      {summary && <CompoundReport s={summary} lang={lang} rem={rem} t={t} />}
      {sums && <DistrictReport d={sums} lang={lang} rem={rem} t={t} win={win} />}
    </div>
  );
}

/** 2026-10-01 – 2026-10-30 (30 days): `to` is the exclusive midnight, the last day shown is the one before it. */
function windowText(from: number, to: number, zone: string, lang: Lang, t: OpsT): string {
  const days = Math.round((to - from) / 86_400_000);
  return `${formatInZone(from, zone, lang, 'ymd')} – ${formatInZone(to - 1, zone, lang, 'ymd')} (${t('days', { n: days })})`;
}

function CompoundSwitch({ current, list, lang, t }: { current: string; list: ReturnType<typeof useCompoundList>; lang: Lang; t: OpsT }) {
  if (!list || list.length === 0) return null;
  return (
    <select
      className="ops-compound"
      data-testid="ops-compound"
      aria-label={t('compound')}
      value={list.some((c) => c.id === current) || current === ALL ? current : ''}
      onChange={(e) => e.target.value && navigatePath(`/operations?compound=${encodeURIComponent(e.target.value)}${keepWindow()}`)}
    >
      {!list.some((c) => c.id === current) && current !== ALL && <option value="">{current}</option>}
      {list.map((c) => (
        <option key={c.id} value={c.id}>
          {lang === 'en' ? c.nameEn : c.name}
        </option>
      ))}
      {list.length > 1 && <option value={ALL}>{t('allCompounds')}</option>}
    </select>
  );
}

/** The window parameters of the current address, for links to another compound's page. */
function keepWindow(): string {
  const cur = new URLSearchParams(window.location.search);
  const out = new URLSearchParams();
  for (const k of ['window', 'from', 'to']) {
    const v = cur.get(k);
    if (v) out.set(k, v);
  }
  const s = out.toString();
  return s ? `&${s}` : '';
}

function WindowPicker({ win, onWin, t, zone }: { win: OpsWindow; onWin: (w: OpsWindow) => void; t: OpsT; zone: string }) {
  // custom starts from the last 30 days, in the compound's calendar
  const [from, setFrom] = useState(() => win.from ?? zoneDate(Date.now() - 29 * 86_400_000, zone));
  const [to, setTo] = useState(() => win.to ?? zoneDate(Date.now(), zone));
  const [custom, setCustom] = useState(win.kind === 'custom');
  return (
    <span className="ops-window" role="group" aria-label={t('window')}>
      {(['30d', 'month', 'prev'] as WindowKind[]).map((k) => (
        <button
          key={k}
          type="button"
          data-testid={`ops-window-${k}`}
          aria-pressed={win.kind === k && !custom}
          onClick={() => {
            setCustom(false);
            onWin({ kind: k });
          }}
        >
          {t(`window.${k}` as 'window.30d')}
        </button>
      ))}
      <button type="button" data-testid="ops-window-custom" aria-pressed={custom} onClick={() => setCustom((c) => !c)}>
        {t('window.custom')}
      </button>
      {custom && (
        <span className="ops-custom">
          <input type="date" aria-label={t('window.from')} value={from} max={to} onChange={(e) => setFrom(e.target.value)} data-testid="ops-from" />
          <span>–</span>
          <input type="date" aria-label={t('window.to')} value={to} min={from} onChange={(e) => setTo(e.target.value)} data-testid="ops-to" />
          <button type="button" disabled={!from || !to || from > to} onClick={() => onWin({ kind: 'custom', from, to })} data-testid="ops-apply">
            {t('window.apply')}
          </button>
        </span>
      )}
    </span>
  );
}

function Kpi({ label, value, sub, field, tone }: { label: string; value: string; sub?: ReactNode; field: string; tone?: 'good' | 'bad' }) {
  return (
    <div className={`ops-kpi ${tone ?? ''}`} data-kpi={field}>
      <dt>{label}</dt>
      <dd data-testid={`kpi-${field}`}>{value}</dd>
      {sub && <small>{sub}</small>}
    </div>
  );
}

function Section({ title, children, className, sub }: { title: string; children: ReactNode; className?: string; sub?: ReactNode }) {
  return (
    <section className={`ops-section ${className ?? ''}`}>
      <h2>{title}</h2>
      {sub && <p className="ops-sub">{sub}</p>}
      {children}
    </section>
  );
}

function Chart({ option, lang, id, label, height = '20rem' }: { option: EChartsCoreOption; lang: Lang; id: string; label: string; height?: string }) {
  return <LazyEChart option={option} lang={lang} height={height} testId={`ops-chart-${id}`} ariaLabel={label} className="ops-chart" />;
}

function CompoundReport({ s, lang, rem, t }: { s: OperationsSummary; lang: Lang; rem: number; t: OpsT }) {
  const latestBill = s.fees.months.at(-1) ?? null;
  const overall = overallReliability(s);
  const up = s.months.reduce((a, m) => ({ labour: a.labour + m.upkeep.labour, parts: a.parts + m.upkeep.parts, contracts: a.contracts + m.upkeep.contracts }), {
    labour: 0,
    parts: 0,
    contracts: 0,
  });
  const options = useMemo(
    () => ({
      balance: balanceOption(s, lang, rem),
      daily: dailyOption(s, lang, rem),
      hourly: hourlyOption(s, lang, rem),
      models: reliabilityBarsOption(s.upkeep.topModels, lang, rem, '#ff6a2d'),
      maintainers: reliabilityBarsOption(s.upkeep.byMaintainer, lang, rem, '#ffb020'),
      collection: collectionOption(s, lang, rem),
      ads: adsOption(s, lang, rem),
    }),
    [s, lang, rem],
  );
  // both bar charts side by side at the height of the longer list
  const barsHeight = `${Math.max(12, 3 + Math.max(s.upkeep.topModels.length, s.upkeep.byMaintainer.length) * 1.7)}rem`;
  return (
    <article className="ops-report" data-testid="ops-report" data-compound-id={s.compoundId}>
      <dl className="ops-kpis" data-testid="ops-kpis">
        <Kpi
          label={t('kpi.income')}
          value={fmtMoney(s.totals.incomeTotal)}
          field="income"
          sub={t('kpi.streams', {
            charging: fmtMoney(s.totals.income.charging),
            parking: fmtMoney(s.totals.income.parking),
            advertising: fmtMoney(s.totals.income.advertising),
          })}
        />
        <Kpi
          label={t('kpi.upkeep')}
          value={fmtMoney(s.totals.upkeep)}
          field="upkeep"
          sub={t('kpi.upkeepSub', { labour: fmtMoney(up.labour), parts: fmtMoney(up.parts), contracts: fmtMoney(up.contracts) })}
        />
        <Kpi label={t('kpi.balance')} value={fmtMoney(s.totals.balance)} field="balance" tone={s.totals.balance >= 0 ? 'good' : 'bad'} />
        <Kpi
          label={t('kpi.collection')}
          value={fmtPct(latestBill?.rate)}
          field="collection"
          sub={latestBill ? t('kpi.collectionOf', { month: latestBill.month }) : t('noData')}
        />
        <Kpi
          label={t('kpi.failures')}
          value={fmtInt(overall.failures)}
          field="failures"
          sub={`${t('kpi.mttr')} ${overall.mttrMin === null ? '—' : t('hours', { n: fmt1(overall.mttrMin / 60) })} · ${t('kpi.availability')} ${fmtPct(overall.availability)}`}
        />
        <Kpi
          label={t('kpi.repairs')}
          value={fmtInt(s.repairs.requests)}
          field="repairs"
          sub={`${t('kpi.repairsSub', { closed: fmtInt(s.repairs.closed), rated: fmtInt(s.repairs.rated) })} · ${t('kpi.rating')} ${
            s.repairs.avgRating === null ? '—' : `${fmt1(s.repairs.avgRating)} ★`
          }`}
        />
      </dl>
      <div className="ops-grid">
        <Section title={t('chart.balance')} className="wide">
          <Chart option={options.balance} lang={lang} id="balance" label={t('chart.balance')} />
        </Section>
        <Section title={t('chart.daily')} className="wide">
          <Chart option={options.daily} lang={lang} id="daily" label={t('chart.daily')} height="16rem" />
        </Section>
        <Section
          title={t('chart.hourly')}
          className="wide"
          sub={t('chart.hourly.sub', {
            sessions: fmtInt(s.charging.sessions),
            kwh: fmt1(s.charging.kwh),
            ports: fmtInt(s.charging.ports),
            spaces: fmtInt(s.parking.spaces),
            rented: fmtInt(s.parking.rented),
            entries: fmtInt(s.parking.entries),
          })}
        >
          <Chart option={options.hourly} lang={lang} id="hourly" label={t('chart.hourly')} />
        </Section>
        <Section title={t('chart.models')}>
          <Chart option={options.models} lang={lang} id="models" label={t('chart.models')} height={barsHeight} />
        </Section>
        <Section title={t('chart.maintainers')}>
          <Chart option={options.maintainers} lang={lang} id="maintainers" label={t('chart.maintainers')} height={barsHeight} />
        </Section>
        <Section title={t('table.systems')} className="wide">
          <ReliabilityTable rows={s.upkeep.bySystem} lang={lang} t={t} />
        </Section>
        <Section title={t('chart.collection')}>
          <Chart option={options.collection} lang={lang} id="collection" label={t('chart.collection')} height="18rem" />
        </Section>
        <Section title={t('chart.ads')} sub={`${t('chart.plays')} ${fmtInt(s.advertising.plays)} · ${t('income')} ${fmtMoney(s.advertising.income)}`}>
          <Chart option={options.ads} lang={lang} id="ads" label={t('chart.ads')} height="16.5rem" />
        </Section>
      </div>
    </article>
  );
}

function ReliabilityTable({ rows, lang, t }: { rows: readonly ReliabilityRow[]; lang: Lang; t: OpsT }) {
  return (
    <table className="ops-table" data-testid="ops-systems">
      <thead>
        <tr>
          <th>{t('col.system')}</th>
          <th className="num">{t('col.devices')}</th>
          <th className="num">{t('col.failures')}</th>
          <th className="num">{t('col.failureRate')}</th>
          <th className="num">{t('col.mttr')}</th>
          <th className="num">{t('col.availability')}</th>
          <th className="num">{t('col.cost')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-system={r.key}>
            <td>{systemName(lang, r.key)}</td>
            <td className="num">{fmtInt(r.devices)}</td>
            <td className="num">{fmtInt(r.failures)}</td>
            <td className="num">{fmtPct(r.failureRate)}</td>
            <td className="num">{r.mttrMin === null ? '—' : t('hours', { n: fmt1(r.mttrMin / 60) })}</td>
            <td className="num">{fmtPct(r.availability)}</td>
            <td className="num">{fmtMoney(r.cost)}</td>
          </tr>
        ))}
        {rows.length === 0 && (
          <tr>
            <td colSpan={7} className="dim">
              {t('noData')}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

function DistrictReport({ d, lang, rem, t, win }: { d: DistrictOperations; lang: Lang; rem: number; t: OpsT; win: OpsWindow }) {
  const nameOf = (c: DistrictOperations['compounds'][number]) => (lang === 'en' ? c.nameEn : c.name);
  const option = useMemo(
    () =>
      districtOption(
        d.compounds.map((c) => ({ name: lang === 'en' ? c.nameEn : c.name, income: c.incomeTotal, upkeep: c.upkeep, balance: c.balance })),
        lang,
        rem,
      ),
    [d, lang, rem],
  );
  const keep = win.kind === '30d' ? '' : keepWindow();
  return (
    <article className="ops-report" data-testid="ops-district">
      <dl className="ops-kpis">
        <Kpi label={t('kpi.income')} value={fmtMoney(d.totals.incomeTotal)} field="income" />
        <Kpi label={t('kpi.upkeep')} value={fmtMoney(d.totals.upkeep)} field="upkeep" />
        <Kpi label={t('kpi.balance')} value={fmtMoney(d.totals.balance)} field="balance" tone={d.totals.balance >= 0 ? 'good' : 'bad'} />
        <Kpi label={t('kpi.failures')} value={fmtInt(d.totals.failures)} field="failures" />
      </dl>
      <Section title={t('chart.district')}>
        <Chart option={option} lang={lang} id="district" label={t('chart.district')} />
      </Section>
      <Section title={t('districtTitle')}>
        <table className="ops-table" data-testid="ops-district-table">
          <thead>
            <tr>
              <th>{t('col.compound')}</th>
              {REVENUE_STREAMS.map((k) => (
                <th key={k} className="num">
                  {t(`stream.${k}`)}
                </th>
              ))}
              <th className="num">{t('col.incomeTotal')}</th>
              <th className="num">{t('col.upkeep')}</th>
              <th className="num">{t('col.balance')}</th>
              <th className="num">{t('col.collection')}</th>
              <th className="num">{t('col.failures')}</th>
            </tr>
          </thead>
          <tbody>
            {d.compounds.map((c) => (
              <tr key={c.compoundId} data-compound-id={c.compoundId}>
                <td>
                  <a href={`/operations?compound=${encodeURIComponent(c.compoundId)}${keep}`}>{nameOf(c)}</a>
                </td>
                {REVENUE_STREAMS.map((k) => (
                  <td key={k} className="num">
                    {fmtMoney(c.income[k])}
                  </td>
                ))}
                <td className="num">{fmtMoney(c.incomeTotal)}</td>
                <td className="num">{fmtMoney(c.upkeep)}</td>
                <td className={`num ${c.balance >= 0 ? 'good' : 'bad'}`}>{fmtMoney(c.balance)}</td>
                <td className="num">{fmtPct(c.collectionRate)}</td>
                <td className="num">{fmtInt(c.failures)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th>{t('total')}</th>
              {REVENUE_STREAMS.map((k) => (
                <th key={k} className="num">
                  {fmtMoney(d.totals.income[k])}
                </th>
              ))}
              <th className="num">{fmtMoney(d.totals.incomeTotal)}</th>
              <th className="num">{fmtMoney(d.totals.upkeep)}</th>
              <th className={`num ${d.totals.balance >= 0 ? 'good' : 'bad'}`}>{fmtMoney(d.totals.balance)}</th>
              <th className="num" />
              <th className="num">{fmtInt(d.totals.failures)}</th>
            </tr>
          </tfoot>
        </table>
      </Section>
    </article>
  );
}
