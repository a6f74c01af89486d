import { useState } from 'react';
import type { Alarm } from '../../models/alarm';
import { api } from '../live/api';
import { deviceLabel } from '../i18n/names';
import { pick } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { useOpsStore } from '../stores/useOpsStore';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { formatTime } from './format';

export interface AlarmItemProps {
  alarm: Alarm;
  /** Show acknowledge / clear actions. */
  actions?: boolean;
}

/** One alarm: severity, message, where, when; click flies to the device; acknowledge or clear with a comment. */
export function AlarmItem({ alarm: a, actions = true }: AlarmItemProps) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const index = useTwinStore((s) => s.index);
  const [action, setAction] = useState<'ack' | 'clear' | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const d = index?.deviceById.get(a.deviceId);
  const b = a.buildingId ? index?.buildingById.get(a.buildingId) : undefined;

  const submit = async () => {
    if (!action) return;
    if (!comment.trim()) return setError(t('alarm.commentRequired'));
    setBusy(true);
    setError(null);
    try {
      const updated = action === 'ack' ? await api.ackAlarm(a.id, comment.trim()) : await api.clearAlarm(a.id, comment.trim());
      if (updated && typeof updated === 'object' && 'id' in updated) useOpsStore.getState().upsertAlarm(updated);
      setAction(null);
      setComment('');
    } catch (err) {
      setError(t('alarm.failed', { error: err instanceof Error ? err.message : String(err) }));
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
        </div>
      )}
      {action && (
        <div className="alarm-form">
          <textarea value={comment} placeholder={t('alarm.comment')} aria-label={t('alarm.comment')} rows={2} onChange={(e) => setComment(e.target.value)} onKeyDown={(e) => e.stopPropagation()} />
          {error && <div className="form-error">{error}</div>}
          <div className="alarm-actions">
            <button type="button" className="primary" disabled={busy} onClick={submit}>
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
