import { useEffect, useMemo, useState } from 'react';
import { METRICS_WINDOW_NAMES, type AlarmMetrics, type MetricsWindow } from '../../models/alarmMetrics';
import { deviceLabel } from '../i18n/names';
import { pick } from '../i18n/translate';
import { useT } from '../i18n/useT';
import type { DictKey } from '../i18n/zh';
import { request } from '../live/api';
import { useOpsStore } from '../stores/useOpsStore';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { formatTime } from './format';

type Targets = AlarmMetrics['targets'];

export const fetchAlarmMetrics = (compoundId: string, window: MetricsWindow, signal?: AbortSignal) =>
  request<AlarmMetrics>(`/api/v1/compounds/${encodeURIComponent(compoundId)}/alarm-metrics?window=${window}`, { signal });

const REFRESH_MS = 60_000;

export type Verdict = 'ok' | 'warn' | 'bad' | 'na';

/** Within target: green; up to twice it (for the average rate ISA-18.2's "maximum manageable", 2 per 10 min): amber; beyond: red. */
export function verdict(value: number | null, target: number): Verdict {
  if (value === null) return 'na';
  if (value <= target) return 'ok';
  return target > 0 && value <= 2 * target ? 'warn' : 'bad';
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

interface FigureProps {
  id: keyof Targets | 'alarmsRaised';
  label: string;
  value: string;
  unit?: string;
  sub?: string;
  /** The target as shown ("≤ 1"); none for a plain count. */
  target?: string;
  verdict: Verdict;
}

function Figure({ id, label, value, unit, sub, target, verdict: v }: FigureProps) {
  const t = useT();
  return (
    <li className={`am-fig v-${v}`} data-metric={id} data-verdict={v}>
      <span className="am-label">{label}</span>
      <span className="am-value" title={v === 'na' ? undefined : t(v === 'ok' ? 'am.within' : 'am.over')}>
        {value}
        {unit && <small>{unit}</small>}
      </span>
      <span className="am-sub">{sub}</span>
      {target && <span className="am-target">{t('am.target', { t: target })}</span>}
    </li>
  );
}

/** Alarm-system performance (ISA-18.2 / EEMUA 191) over 24 h, 7 d or 30 d, each figure beside its target; refreshed every minute while shown. */
export function AlarmMetricsPanel() {
  const t = useT();
  const compoundId = useTwinStore((s) => s.compoundId);
  const index = useTwinStore((s) => s.index);
  const lang = useUiStore((s) => s.lang);
  const alarms = useOpsStore((s) => s.alarms);
  const [win, setWin] = useState<MetricsWindow>('24h');
  const [m, setM] = useState<AlarmMetrics | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!compoundId) return;
    const ctl = new AbortController();
    const load = () =>
      fetchAlarmMetrics(compoundId, win, ctl.signal).then(
        (r) => {
          setM(r);
          setError(null);
        },
        (e: unknown) => void (ctl.signal.aborted || setError(e instanceof Error ? e.message : String(e))),
      );
    void load();
    // a hidden browser tab need not ask
    const timer = setInterval(() => void (document.hidden || load()), REFRESH_MS);
    return () => {
      ctl.abort();
      clearInterval(timer);
    };
  }, [compoundId, win]);

  // rule → message from the alarms at hand (the metrics name rules by id)
  const ruleText = useMemo(() => new Map(alarms.map((a) => [a.ruleId, a.message])), [alarms]);
  const shown = m && m.compoundId === compoundId && m.window === win ? m : null;
  const at = (target: number) => (target === 0 ? '0' : `≤ ${fmt(target)}`);

  return (
    <div className="alarm-metrics" data-testid="alarm-metrics">
      <div className="am-head">
        <div className="seg" role="group" aria-label={t('am.title')}>
          {METRICS_WINDOW_NAMES.map((w) => (
            <button key={w} type="button" className={w === win ? 'on' : ''} aria-pressed={w === win} onClick={() => setWin(w)}>
              {t(`am.window.${w}` as DictKey)}
            </button>
          ))}
        </div>
        {shown && <span className="am-updated">{t('am.updated', { time: formatTime(shown.to) })}</span>}
      </div>
      {error && <p className="form-error">{t('am.failed', { error })}</p>}
      {!shown ? (
        !error && <p className="empty">{t('am.loading')}</p>
      ) : (
        <>
          <ul className="am-figs">
            <Figure id="alarmsRaised" label={t('am.raised')} value={fmt(shown.alarmsRaised)} sub={t('am.raisedSub')} verdict="na" />
            <Figure
              id="averageAlarmRatePer10Min"
              label={t('am.avgRate')}
              value={fmt(shown.averageAlarmRatePer10Min, 2)}
              unit={t('am.per10')}
              target={at(shown.targets.averageAlarmRatePer10Min)}
              verdict={verdict(shown.averageAlarmRatePer10Min, shown.targets.averageAlarmRatePer10Min)}
            />
            <Figure
              id="peakAlarmRatePer10Min"
              label={t('am.peakRate')}
              value={fmt(shown.peakAlarmRatePer10Min)}
              unit={t('am.per10')}
              sub={shown.peakAt === null ? undefined : t('am.peakAt', { time: formatTime(shown.peakAt) })}
              target={at(shown.targets.peakAlarmRatePer10Min)}
              verdict={verdict(shown.peakAlarmRatePer10Min, shown.targets.peakAlarmRatePer10Min)}
            />
            <Figure
              id="floodTimePct"
              label={t('am.flood')}
              value={fmt(shown.floodTimePct, 2)}
              unit="%"
              sub={t('am.floodSub', { n: shown.floodPeriods })}
              target={`${at(shown.targets.floodTimePct)}%`}
              verdict={verdict(shown.floodTimePct, shown.targets.floodTimePct)}
            />
            <Figure
              id="staleAlarms"
              label={t('am.stale')}
              value={fmt(shown.staleAlarms)}
              sub={t('am.staleSub')}
              target={at(shown.targets.staleAlarms)}
              verdict={verdict(shown.staleAlarms, shown.targets.staleAlarms)}
            />
            <Figure
              id="chatteringAlarms"
              label={t('am.chattering')}
              value={fmt(shown.chatteringAlarms)}
              sub={t('am.chatteringSub')}
              target={at(shown.targets.chatteringAlarms)}
              verdict={verdict(shown.chatteringAlarms, shown.targets.chatteringAlarms)}
            />
            <Figure
              id="ackTimeMedianMin"
              label={t('am.ackMedian')}
              value={shown.ackTimeMedianMin === null ? '—' : fmt(shown.ackTimeMedianMin, 1)}
              unit={shown.ackTimeMedianMin === null ? undefined : t('am.min')}
              sub={shown.ackTimeMedianMin === null ? t('am.noAck') : undefined}
              target={`${at(shown.targets.ackTimeMedianMin)} ${t('am.min')}`}
              verdict={verdict(shown.ackTimeMedianMin, shown.targets.ackTimeMedianMin)}
            />
          </ul>
          <h3>{t('am.badActors')}</h3>
          {shown.topBadActors.length === 0 ? (
            <p className="empty">{t('am.none')}</p>
          ) : (
            <ol className="am-actors" data-testid="alarm-metrics-actors">
              {shown.topBadActors.map((a) => {
                const d = index?.deviceById.get(a.deviceId);
                const rule = ruleText.get(a.ruleId);
                return (
                  <li key={`${a.deviceId} ${a.ruleId}`} data-device-id={a.deviceId}>
                    <button type="button" disabled={!d} onClick={() => useUiStore.getState().selectDevice(a.deviceId)}>
                      <span className={`sev-badge ${a.severity}`}>{t(`severity.${a.severity}`)}</span>
                      <span className="am-actor-name">{d ? deviceLabel(lang, d, index) : a.deviceId}</span>
                      <b className="am-actor-n">{t('am.raises', { n: a.raises })}</b>
                      <span className="am-actor-rule">{rule ? pick(lang, rule) : a.ruleId}</span>
                    </button>
                  </li>
                );
              })}
            </ol>
          )}
          <p className="am-source">{t('am.source')}</p>
        </>
      )}
    </div>
  );
}
