import { useState } from 'react';
import { MAX_SHELVE_MIN, type Alarm } from '../../models/alarm';
import { alarmState, type AlarmState } from '../../models/alarmState';
import { can } from '../../models/auth';
import { api } from '../live/api';
import { deviceLabel, buildingTitle } from '../i18n/names';
import { pick } from '../i18n/translate';
import { useT, type TFunction } from '../i18n/useT';
import { overlayApi } from '../overlays/overlayApi';
import { useOpsStore } from '../stores/useOpsStore';
import { useReplayStore } from '../stores/useReplayStore';
import { useSessionStore } from '../stores/useSessionStore';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { useWorkOrderUiStore } from '../stores/useWorkOrderUiStore';
import { AlarmSnapshotThumb } from '../video/AlarmSnapshotThumb';
import { openCameraVideo } from '../video/useVideoStore';
import { ConfirmDialog } from './ConfirmDialog';
import { dispatchAlarm } from './dispatchAlarm';
import { formatTime } from './format';

export interface AlarmItemProps {
  alarm: Alarm;
  /** Show acknowledge / clear / shelve actions. */
  actions?: boolean;
}

type Action = 'ack' | 'clear' | 'shelve' | 'unshelve';
/** ISA-18.2 shelving is always time-limited: 15 min, 1 h, 4 h, 8 h, or a custom number of minutes. */
const SHELVE_PRESETS = [
  [15, 'alarmst.min15'],
  [60, 'alarmst.h1'],
  [240, 'alarmst.h4'],
  [480, 'alarmst.h8'],
] as const;
const validMinutes = (m: string): boolean => /^\d{1,5}$/.test(m) && Number(m) >= 1 && Number(m) <= MAX_SHELVE_MIN;

/** The ISA-18.2 state as a badge's text and its tooltip (who shelved it and why, what suppresses it). */
function stateBadge(t: TFunction, a: Alarm, s: AlarmState): { text: string; title?: string } {
  switch (s) {
    case 'shelved':
      return {
        text: t('alarmst.shelvedUntil', { time: formatTime(a.shelvedUntil ?? 0) }),
        title: a.shelvedBy ? t('alarmst.shelvedBy', { by: a.shelvedBy, comment: a.shelveComment ?? '' }) : undefined,
      };
    case 'suppressed':
      return { text: a.suppressedBy ? t('alarmst.suppressedBy', { why: a.suppressedBy }) : t('alarmst.suppressed'), title: a.suppressedBy ?? undefined };
    case 'out_of_service':
      return { text: t('alarmst.out_of_service'), title: a.suppressedBy ?? undefined };
    case 'normal':
      return { text: a.clearedBy ? t('alarmst.clearedBy') : t('alarmst.normal') };
    default:
      return { text: t(`alarmst.${s}`) };
  }
}

/**
 * One alarm: severity, ISA-18.2 state, message, where, when; click flies to the device. By state, with a comment:
 * acknowledge (in alarm or returned), clear (active, e.g. latched), shelve for a time or unshelve; a linked work order in one click.
 */
export function AlarmItem({ alarm: a, actions: wanted = true }: AlarmItemProps) {
  const t = useT();
  // history shown by the replay is view-only
  const replaying = useReplayStore((s) => s.active);
  const actions = wanted && !replaying;
  const lang = useUiStore((s) => s.lang);
  const index = useTwinStore((s) => s.index);
  const [action, setAction] = useState<Action | null>(null);
  const [comment, setComment] = useState('');
  const [minutes, setMinutes] = useState('60');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const me = useSessionStore((s) => s.me);
  const linked = useOpsStore((s) => s.workOrders.find((w) => w.alarmId === a.id));
  const d = index?.deviceById.get(a.deviceId);
  const b = a.buildingId ? index?.buildingById.get(a.buildingId) : undefined;
  const s = alarmState(a);
  const open = s !== 'normal';
  // evaluators and walls may not act on alarms (the API refuses them too)
  const canAct = actions && open && !!me && can(me.user, 'alarm:act', a.compoundId);
  const canOrder = actions && open && !!me && can(me.user, 'workorder:manage');
  const canAck = canAct && (s === 'unack' || s === 'rtn_unack');
  const canClear = canAct && a.active;
  // the API refuses to shelve a suppressed alarm: it does not call for attention anyway
  const canShelve = canAct && a.shelvedUntil === null && a.suppressed === null;
  const canUnshelve = canAct && a.shelvedUntil !== null;
  const badge = stateBadge(t, a, s);

  const fail = (err: unknown) => setError(t('alarm.failed', { error: err instanceof Error ? err.message : String(err) }));
  const done = (updated: Alarm) => {
    useOpsStore.getState().upsertAlarm(updated);
    setAction(null);
    setComment('');
  };
  const start = (next: Action) => {
    setError(null);
    setAction(next);
  };
  /** Acknowledge, shelve, unshelve or clear; a clear the API wants confirmed (open linked work order) asks first. */
  const submit = async (confirm = false) => {
    if (!action) return;
    const text = comment.trim();
    if (!text) return setError(t('alarm.commentRequired'));
    if (action === 'shelve' && !validMinutes(minutes)) return setError(t('alarmst.minutesInvalid'));
    setBusy(true);
    setError(null);
    try {
      if (action === 'ack') done(await api.ackAlarm(a.id, text));
      else if (action === 'shelve') done(await api.shelveAlarm(a.id, Number(minutes), text));
      else if (action === 'unshelve') done(await api.unshelveAlarm(a.id, text));
      else {
        const r = await overlayApi.clearAlarm(a.id, text, confirm);
        if ('alarm' in r) done(r.alarm);
        else setConfirming(true);
      }
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  /** One click: the work-order form, filled in for this alarm and linked to it (the officer submits it there). */
  const createOrder = () => {
    setError(null);
    dispatchAlarm(a);
  };

  // a camera's alarm (an AI event) can be watched live, in the replay too (the picture is now, not then)
  const watch = d?.type === 'camera';
  const buttons = canAck || canClear || canShelve || canUnshelve || canOrder || !!linked || watch;
  return (
    <li
      className={`alarm-item sev-${a.severity} state-${s} ${a.active ? 'active' : 'cleared'} ${a.acknowledged ? 'acked' : 'unacked'}`}
      data-testid="alarm-item"
      data-alarm-id={a.id}
      data-state={s}
    >
      <button type="button" className="alarm-main" onClick={() => useUiStore.getState().selectDevice(a.deviceId)}>
        <span className={`sev-badge ${a.severity}`}>{t(`severity.${a.severity}`)}</span>
        <span className="alarm-msg">{pick(lang, a.message)}</span>
        <span className="alarm-where">
          {b ? `${buildingTitle(lang, b)} · ` : ''}
          {d ? deviceLabel(lang, d, index ?? null) : a.deviceId}
        </span>
        <span className="alarm-time">
          <span className={`alarm-state ${s}`} data-testid="alarm-state" title={badge.title}>
            {badge.text}
          </span>
          {a.latched && (
            <span className="alarm-latched" data-testid="alarm-latched" title={t('alarmst.latchedTip')}>
              {t('alarmst.latched')}
            </span>
          )}
          {formatTime(a.lastAt)}
          {a.count > 1 ? ` ${t('alarm.count', { n: a.count })}` : ''}
          {a.returnedAt !== null && <span data-testid="alarm-returned-at">{` · ${t('alarmst.returnedAt', { time: formatTime(a.returnedAt) })}`}</span>}
        </span>
      </button>
      {a.snapshot && <AlarmSnapshotThumb alarm={a} />}
      {!action && buttons && (
        <div className="alarm-actions">
          {watch && (
            <button type="button" className="watch-live" data-testid="alarm-watch-live" onClick={() => openCameraVideo(a.deviceId)}>
              {t('videoh.watch')}
            </button>
          )}
          {canAck && (
            <button type="button" data-testid="alarm-ack" onClick={() => start('ack')}>
              {t('alarm.ack')}
            </button>
          )}
          {canClear && (
            <button type="button" data-testid="alarm-clear" onClick={() => start('clear')}>
              {t('alarm.clear')}
            </button>
          )}
          {canShelve && (
            <button type="button" data-testid="alarm-shelve" title={t('alarmst.shelveTitle')} onClick={() => start('shelve')}>
              {t('alarmst.shelve')}
            </button>
          )}
          {canUnshelve && (
            <button type="button" data-testid="alarm-unshelve" onClick={() => start('unshelve')}>
              {t('alarmst.unshelve')}
            </button>
          )}
          {canOrder && !linked && (
            <button type="button" data-testid="alarm-create-wo" disabled={busy} onClick={createOrder}>
              {t('alarmf.createWo')}
            </button>
          )}
          {linked && (
            <button
              type="button"
              className="linked"
              data-testid="alarm-linked-wo"
              data-workorder-id={linked.id}
              onClick={() => useWorkOrderUiStore.getState().open(linked.id)}
            >
              {t('alarmf.linkedWo', { id: linked.id })}
            </button>
          )}
        </div>
      )}
      {!action && error && <div className="form-error alarm-error">{error}</div>}
      {confirming && (
        <ConfirmDialog
          title={t('alarmf.confirmTitle')}
          body={t('alarmf.confirmBody')}
          yes={t('alarmf.confirmYes')}
          no={t('alarmf.confirmNo')}
          onYes={() => {
            setConfirming(false);
            void submit(true);
          }}
          onNo={() => setConfirming(false)}
        />
      )}
      {action && (
        <div className="alarm-form" data-testid={`alarm-form-${action}`}>
          {action === 'shelve' && (
            <div className="shelve-for" role="group" aria-label={t('alarmst.shelveFor')} title={t('alarmst.shelveTitle')}>
              <span>{t('alarmst.shelveFor')}</span>
              <span className="seg">
                {SHELVE_PRESETS.map(([m, key]) => (
                  <button
                    key={m}
                    type="button"
                    className={minutes === String(m) ? 'on' : ''}
                    aria-pressed={minutes === String(m)}
                    data-testid={`shelve-${m}`}
                    onClick={() => setMinutes(String(m))}
                  >
                    {t(key)}
                  </button>
                ))}
              </span>
              <label>
                {t('alarmst.custom')}
                <input
                  type="number"
                  min={1}
                  max={MAX_SHELVE_MIN}
                  step={1}
                  value={minutes}
                  data-testid="shelve-minutes"
                  onChange={(e) => setMinutes(e.target.value)}
                  onKeyDown={(e) => e.stopPropagation()}
                />
                {t('alarmst.minutes')}
              </label>
            </div>
          )}
          <textarea
            value={comment}
            placeholder={t(action === 'shelve' ? 'alarmst.reason' : action === 'unshelve' ? 'alarmst.unshelveReason' : 'alarm.comment')}
            aria-label={t('alarm.comment')}
            rows={2}
            onChange={(e) => {
              setComment(e.target.value);
              setError(null);
            }}
            onKeyDown={(e) => e.stopPropagation()}
          />
          {error && <div className="form-error">{error}</div>}
          <div className="alarm-actions">
            <button type="button" className="primary" data-testid="alarm-submit" disabled={busy} onClick={() => void submit()}>
              {action === 'shelve' ? t('alarmst.shelve') : action === 'unshelve' ? t('alarmst.unshelve') : t('alarm.submit')}
            </button>
            <button type="button" onClick={() => setAction(null)}>
              {t('alarm.cancel')}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
