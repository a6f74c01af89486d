import { useEffect, useEffectEvent, useState } from 'react';
import type { Alarm } from '../../models/alarm';
import { alarmState, isUnacknowledged } from '../../models/alarmState';
import { can } from '../../models/auth';
import { deviceLabel, buildingTitle } from '../i18n/names';
import { pick } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { api } from '../live/api';
import { watchFreshCriticals } from '../overlays/freshCriticals';
import { useOpsStore } from '../stores/useOpsStore';
import { useReplayStore } from '../stores/useReplayStore';
import { useSessionStore } from '../stores/useSessionStore';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { useWorkOrderUiStore } from '../stores/useWorkOrderUiStore';
import { dispatchAlarm } from './dispatchAlarm';
import { formatTime } from './format';

/** At most this many toasts at once; a newer one pushes the oldest out (it stays in the alarm list). */
export const MAX_TOASTS = 3;
const FLY_KEY = 'twin.criticalFlyTo';

function savedFlyTo(): boolean {
  try {
    return window.localStorage.getItem(FLY_KEY) !== 'off';
  } catch {
    return true;
  }
}

function saveFlyTo(on: boolean): void {
  try {
    window.localStorage.setItem(FLY_KEY, on ? 'on' : 'off');
  } catch {
    // not persisted; the switch still applies to this page
  }
}

/** Ids of critical alarms that arrived over the live feed (never those of the first snapshot or a replay), newest first. */
function useFreshCriticals(onFresh: (a: Alarm) => void): [number[], (id: number) => void] {
  const [ids, setIds] = useState<number[]>([]);
  const freshLatest = useEffectEvent(onFresh);
  useEffect(
    () =>
      watchFreshCriticals((fresh) => {
        const newest = fresh.sort((x, y) => y.raisedAt - x.raisedAt || y.id - x.id).map((a) => a.id);
        setIds((cur) => [...newest, ...cur.filter((id) => !newest.includes(id))].slice(0, MAX_TOASTS));
        freshLatest(fresh[0]);
      }),
    [],
  );
  return [ids, (id) => setIds((cur) => cur.filter((x) => x !== id))];
}

/**
 * A toast for each new critical alarm (up to three, dismissable) with acknowledge (with a comment) and
 * dispatch-a-work-order buttons; optionally flies the camera to the device. Only for people who may act
 * on alarms: evaluators and wall displays never see it.
 */
export function CriticalToast() {
  const t = useT();
  const me = useSessionStore((s) => s.me);
  const compoundId = useTwinStore((s) => s.compoundId);
  const replaying = useReplayStore((s) => s.active);
  const alarms = useOpsStore((s) => s.alarms);
  const [flyTo, setFlyTo] = useState(savedFlyTo);
  const [ids, dismiss] = useFreshCriticals((a) => {
    if (savedFlyTo()) useUiStore.getState().selectDevice(a.deviceId);
  });
  const mayAct = !!me && !!compoundId && can(me.user, 'alarm:act', compoundId);
  // an alarm acknowledged (here or elsewhere) or closed takes its toast with it
  const shown = ids.map((id) => alarms.find((a) => a.id === id)).filter((a): a is Alarm => !!a && isUnacknowledged(a));
  if (!mayAct || replaying || shown.length === 0) return null;
  return (
    <section className="critical-toasts" aria-live="assertive" data-testid="critical-toasts">
      {shown.map((a) => (
        <ToastCard key={a.id} alarm={a} onDismiss={() => dismiss(a.id)} />
      ))}
      <label className="critical-flyto">
        <input
          type="checkbox"
          checked={flyTo}
          data-testid="critical-flyto"
          onChange={(e) => {
            saveFlyTo(e.target.checked);
            setFlyTo(e.target.checked);
          }}
        />
        {t('attn.toast.flyTo')}
      </label>
    </section>
  );
}

function ToastCard({ alarm: a, onDismiss }: { alarm: Alarm; onDismiss: () => void }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const index = useTwinStore((s) => s.index);
  const me = useSessionStore((s) => s.me);
  const linked = useOpsStore((s) => s.workOrders.find((w) => w.alarmId === a.id));
  const [acking, setAcking] = useState(false);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const d = index?.deviceById.get(a.deviceId);
  const b = a.buildingId ? index?.buildingById.get(a.buildingId) : undefined;
  const canOrder = !!me && can(me.user, 'workorder:manage');
  const fail = (err: unknown) => setError(t('alarm.failed', { error: err instanceof Error ? err.message : String(err) }));

  const ack = async () => {
    const text = comment.trim();
    if (!text) return setError(t('alarm.commentRequired'));
    setBusy(true);
    setError(null);
    try {
      useOpsStore.getState().upsertAlarm(await api.ackAlarm(a.id, text));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  /** As the alarm list does: one click makes a work order linked to the alarm and opens it (or opens the linked one). */
  const dispatch = () => {
    if (linked) return useWorkOrderUiStore.getState().open(linked.id);
    setError(null);
    dispatchAlarm(a);
  };

  return (
    <article className="critical-toast" role="alert" data-testid="critical-toast" data-alarm-id={a.id}>
      <header>
        <span className="sev-badge critical">{t('severity.critical')}</span>
        <strong>{t('attn.toast.title')}</strong>
        {alarmState(a) === 'rtn_unack' && <span className="critical-toast-returned">{t('attn.returned')}</span>}
        <time>{formatTime(a.raisedAt)}</time>
        <button
          type="button"
          className="close"
          aria-label={t('attn.toast.dismiss')}
          title={t('attn.toast.dismiss')}
          data-testid="critical-toast-dismiss"
          onClick={onDismiss}
        >
          ×
        </button>
      </header>
      <button type="button" className="critical-toast-what" title={t('attn.toast.locate')} onClick={() => useUiStore.getState().selectDevice(a.deviceId)}>
        <span className="msg">{pick(lang, a.message)}</span>
        <span className="where">
          {b ? `${buildingTitle(lang, b)} · ` : ''}
          {d ? deviceLabel(lang, d, index ?? null) : a.deviceId}
        </span>
      </button>
      {acking ? (
        <div className="alarm-form">
          <textarea
            value={comment}
            placeholder={t('alarm.comment')}
            aria-label={t('alarm.comment')}
            rows={2}
            autoFocus
            onChange={(e) => setComment(e.target.value)}
            onKeyDown={(e) => e.stopPropagation()}
          />
          <div className="alarm-actions">
            <button type="button" className="primary" data-testid="critical-toast-submit" disabled={busy} onClick={() => void ack()}>
              {t('alarm.submit')}
            </button>
            <button type="button" onClick={() => setAcking(false)}>
              {t('alarm.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="alarm-actions">
          {a.acknowledged ? null : (
            <button type="button" className="primary" data-testid="critical-toast-ack" onClick={() => setAcking(true)}>
              {t('attn.toast.ack')}
            </button>
          )}
          {(canOrder || linked) && (
            <button type="button" data-testid="critical-toast-dispatch" data-workorder-id={linked?.id} disabled={busy} onClick={dispatch}>
              {linked ? t('attn.toast.linkedWo', { id: linked.id }) : t('attn.toast.dispatch')}
            </button>
          )}
          <button type="button" data-testid="critical-toast-locate" onClick={() => useUiStore.getState().selectDevice(a.deviceId)}>
            {t('attn.toast.locate')}
          </button>
        </div>
      )}
      {error && <div className="form-error">{error}</div>}
    </article>
  );
}
