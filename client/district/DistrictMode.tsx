import { useEffect, useMemo, useState } from 'react';
import type { District, DistrictCompound } from '../../models/district';
import { pick } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { request } from '../live/api';
import { navigatePath } from '../modes/route';
import { LanguageSwitch } from '../panels/LanguageSwitch';
import { DistrictOpsBlock } from '../operations/DistrictOpsBlock';
import { useUiStore } from '../stores/useUiStore';
import { useHtmlClass } from '../wall/useHtmlClass';
import { measureColour, type Measure } from './districtGeometry';
import { DistrictScene } from './DistrictScene';
import './district.css';

/** Seconds between refreshes of the figures (alarms, online). */
const REFRESH_MS = 30_000;

type Loaded = { state: 'loading' } | { state: 'ready'; data: District } | { state: 'error'; error: string };

/** GET /api/v1/district, refreshed every REFRESH_MS; the last answer stays on screen while the next loads. */
function useDistrict(attempt: number): Loaded {
  const [out, setOut] = useState<Loaded>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    const load = () =>
      request<District>('/api/v1/district').then(
        (data) => live && setOut({ state: 'ready', data }),
        (err: unknown) => live && setOut((o) => (o.state === 'ready' ? o : { state: 'error', error: err instanceof Error ? err.message : String(err) })),
      );
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [attempt]);
  return out;
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const hex = (rgb: readonly number[]) => `rgb(${rgb.map((v) => Math.round(v * 255)).join(',')})`;

/** Opens a compound's console (a history entry: back returns to the district). */
const openConsole = (id: string) => navigatePath(`/?compound=${encodeURIComponent(id)}`);

/**
 * The district: every compound the user may see in 3D at its real place, coloured by star level or open
 * alarms, each clickable into its console; a side panel with the district's sums and every compound.
 */
export function DistrictMode() {
  useHtmlClass('mode-district');
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const [attempt, setAttempt] = useState(0);
  const [measure, setMeasure] = useState<Measure>('level');
  const district = useDistrict(attempt);
  const data = district.state === 'ready' ? district.data : null;
  const nameOf = (c: Pick<DistrictCompound, 'name' | 'nameEn'>) => pick(lang, { zh: c.name, en: c.nameEn });
  const levelOf = (c: DistrictCompound) => (c.level ? pick(lang, c.level.name) : t('district.levelNone'));
  const labels = useMemo(
    () =>
      data?.compounds.map((c) => {
        const level = c.level ? pick(lang, c.level.name) : t('district.levelNone');
        const alarms = c.openAlarms === 1 ? t('district.alarmOne') : c.openAlarms ? t('district.alarmsShort', { n: c.openAlarms }) : t('district.noAlarms');
        return `${pick(lang, { zh: c.name, en: c.nameEn })} · ${level} · ${alarms}`;
      }) ?? [],
    [data, lang, t],
  );
  return (
    <div className="district" data-testid="district" data-measure={measure}>
      <header className="district-bar" data-inset="top">
        <div className="district-title">
          <h1>{t('district.title')}</h1>
          {data && <span className="dim">{t('district.subtitle', { n: data.compounds.length })}</span>}
          <span className="dim district-grid-note">{t('district.grid')}</span>
        </div>
        <div className="district-measure" role="group" aria-label={t('district.colourBy')}>
          <span className="dim">{t('district.colourBy')}</span>
          {(['level', 'alarms'] as const).map((m) => (
            <button key={m} type="button" data-testid={`district-measure-${m}`} aria-pressed={measure === m} onClick={() => setMeasure(m)}>
              {t(m === 'level' ? 'district.byLevel' : 'district.byAlarms')}
            </button>
          ))}
        </div>
        <div className="district-tools">
          <a
            href="/"
            onClick={(e) => {
              e.preventDefault();
              navigatePath(data?.compounds[0] ? `/?compound=${encodeURIComponent(data.compounds[0].id)}` : '/');
            }}
          >
            {t('district.back')}
          </a>
          <LanguageSwitch />
        </div>
      </header>
      {district.state === 'loading' && (
        <div className="district-status" role="status">
          <div className="spinner" />
          {t('district.loading')}
        </div>
      )}
      {district.state === 'error' && (
        <div className="district-status district-error" role="alert" data-testid="district-error">
          {t('district.failed', { error: district.error })}
          <button type="button" onClick={() => setAttempt((a) => a + 1)}>
            {t('district.retry')}
          </button>
        </div>
      )}
      {data && data.compounds.length === 0 && <div className="district-status">{t('district.none')}</div>}
      {data && data.compounds.length > 0 && <DistrictScene district={data} measure={measure} lang={lang} labels={labels} onOpen={openConsole} />}
      {data && (
        <aside className="district-panel" data-inset="right" data-testid="district-panel">
          <section className="district-totals" data-testid="district-totals">
            <h2>{t('district.totals')}</h2>
            <dl>
              <Figure label={t('district.compounds')} value={fmt(data.totals.compounds)} field="compounds" />
              <Figure label={t('district.devices')} value={fmt(data.totals.devices)} field="devices" />
              <Figure label={t('district.online')} value={`${fmt(data.totals.onlinePct, 1)}%`} field="onlinePct" />
              <Figure label={t('district.alarms')} value={fmt(data.totals.openAlarms)} field="openAlarms" hot={data.totals.openAlarms > 0} />
              <Figure label={t('district.workOrders')} value={fmt(data.totals.workOrdersOpen)} field="workOrdersOpen" />
              <Figure label={t('district.households')} value={fmt(data.totals.households)} field="households" />
              <Figure label={t('district.residents')} value={fmt(data.totals.residents)} field="residents" />
            </dl>
          </section>
          <DistrictOpsBlock />
          <p className="district-legend dim">
            {measure === 'level' ? t('district.legendLevel', { rubric: pick(lang, data.rubric.name) }) : t('district.legendAlarms')}
          </p>
          <ul className="district-list">
            {data.compounds.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  data-testid="district-compound"
                  data-compound-id={c.id}
                  title={t('district.open', { name: nameOf(c) })}
                  onClick={() => openConsole(c.id)}
                >
                  <span className="swatch" style={{ background: hex(measureColour(measure, c, data.rubric.levels)) }} />
                  <span className="name">
                    {nameOf(c)}
                    <span className="dim">
                      {c.city}
                      {c.district ? ` · ${c.district}` : ''}
                    </span>
                  </span>
                  <span className="figs">
                    <span data-field="level">{levelOf(c)}</span>
                    <span data-field="openAlarms" className={c.openAlarms ? 'hot' : ''}>
                      {t('district.alarms')} {fmt(c.openAlarms)}
                    </span>
                    <span data-field="devices">
                      {t('district.devices')} {fmt(c.devices)}
                    </span>
                    <span data-field="onlinePct">
                      {t('district.online')} {fmt(c.onlinePct, 1)}%
                    </span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </aside>
      )}
    </div>
  );
}

function Figure({ label, value, field, hot }: { label: string; value: string; field: string; hot?: boolean }) {
  return (
    <div className={`fig ${hot ? 'hot' : ''}`}>
      <dt>{label}</dt>
      <dd data-total={field}>{value}</dd>
    </div>
  );
}
