import { useState } from 'react';
import type { Alarm } from '../../models/alarm';
import { can } from '../../models/auth';
import { api } from '../live/api';
import { deviceLabel } from '../i18n/names';
import { pick } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { overlayApi } from '../overlays/overlayApi';
import { useOpsStore } from '../stores/useOpsStore';
import { useReplayStore } from '../stores/useReplayStore';
import { useSessionStore } from '../stores/useSessionStore';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { useWorkOrderUiStore } from '../stores/useWorkOrderUiStore';
import { ConfirmDialog } from './ConfirmDialog';
import { formatTime } from './format';

export interface AlarmItemProps {
  alarm: Alarm;
  /** Show acknowledge / clear actions. */
  actions?: boolean;
}

/** One alarm: severity, message, where, when; click flies to the device; acknowledge or clear with a comment; a linked work order in one click. */
export function AlarmItem({ alarm: a, actions: wanted = true }: AlarmItemProps) {
  const t = useT();
  // history shown by the replay is view-only
  const replaying = useReplayStore((s) => s.active);
  const actions = wanted && !replaying;
  const lang = useUiStore((s) => s.lang);
  const index = useTwinStore((s) => s.index);
  const [action, setAction] = useState<'ack' | 'clear' | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const me = useSessionStore((s) => s.me);
  const linked = useOpsStore((s) => s.workOrders.find((w) => w.alarmId === a.id));
  const d = index?.deviceById.get(a.deviceId);
  const b = a.buildingId ? index?.buildingById.get(a.buildingId) : undefined;
  const canOrder = actions && !!me && can(me.user, 'workorder:manage');

  const fail = (err: unknown) => setError(t('alarm.failed', { error: err instanceof Error ? err.message : String(err) }));
  const done = (updated: Alarm) => {
    useOpsStore.getState().upsertAlarm(updated);
    setAction(null);
    setComment('');
  };
  /** Acknowledge, or clear; a clear the API wants confirmed (open linked work order) asks first. */
  const submit = async (confirm = false) => {
    if (!action) return;
    if (!comment.trim()) return setError(t('alarm.commentRequired'));
    setBusy(true);
    setError(null);
    try {
      if (action === 'ack') done(await api.ackAlarm(a.id, comment.trim()));
      else {
        const r = await overlayApi.clearAlarm(a.id, comment.trim(), confirm);
        if ('alarm' in r) done(r.alarm);
        else setConfirming(true);
      }
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  /** One click: a work order linked to this alarm (officers name the compound for the API's scope check). */
  const createOrder = async () => {
    setBusy(true);
    setError(null);
    try {
      const w = await overlayApi.createWorkOrder({ alarmId: a.id, compoundId: a.compoundId });
      useOpsStore.getState().upsertWorkOrder(w);
      useWorkOrderUiStore.getState().open(w.id);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className={`alarm-item sev-${a.severity} ${a.active ? 'active' : 'cleared'} ${a.acknowledged ? 'acked' : 'unacked'}`} data-testid="alarm-item" data-alarm-id={a.id}>
      <button type="button" className="alarm-main" onClick={() => useUiStore.getState().selectDevice(a.deviceId)}>
        <span className={`sev-badge ${a.severity}`}>{t(`severity.${a.severity}`)}</span>
        <span className="alarm-msg">{pick(lang, a.message)}</span>
        <span className="alarm-where">
          {b ? `${t('crumb.building', { n: b.number })} · ` : ''}
          {d ? deviceLabel(lang, d, index ?? null) : a.deviceId}
        </span>
        <span className="alarm-time">
          {formatTime(a.lastAt)}
          {a.count > 1 ? ` ${t('alarm.count', { n: a.count })}` : ''}
          {!a.active ? ` · ${t('alarm.cleared')}` : a.acknowledged ? ` · ${t('alarm.acked')}` : ''}
        </span>
      </button>
      {actions && a.active && !action && (
        <div className="alarm-actions">
          {!a.acknowledged && (
            <button type="button" data-testid="alarm-ack" onClick={() => setAction('ack')}>
              {t('alarm.ack')}
            </button>
          )}
          <button type="button" data-testid="alarm-clear" onClick={() => setAction('clear')}>
            {t('alarm.clear')}
          </button>
          {canOrder && !linked && (
            <button type="button" data-testid="alarm-create-wo" disabled={busy} onClick={createOrder}>
              {t('alarmf.createWo')}
            </button>
          )}
          {linked && (
            <button type="button" className="linked" data-testid="alarm-linked-wo" data-workorder-id={linked.id} onClick={() => useWorkOrderUiStore.getState().open(linked.id)}>
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
        <div className="alarm-form">
          <textarea value={comment} placeholder={t('alarm.comment')} aria-label={t('alarm.comment')} rows={2} onChange={(e) => setComment(e.target.value)} onKeyDown={(e) => e.stopPropagation()} />
          {error && <div className="form-error">{error}</div>}
          <div className="alarm-actions">
            <button type="button" className="primary" data-testid="alarm-submit" disabled={busy} onClick={() => void submit()}>
              {t('alarm.submit')}
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
