import { useEffect, useState } from 'react';
import {
  WORK_ORDER_CATEGORIES,
  PRIORITIES,
  type WorkOrder,
  type WorkOrderDetail as Detail,
  type WorkOrderStatus,
  type WorkOrderUpdate,
} from '../../models/workOrder';
import { deviceLabel } from '../i18n/names';
import { useT } from '../i18n/useT';
import { overlayApi } from '../overlays/overlayApi';
import { useOpsStore } from '../stores/useOpsStore';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { useWorkOrderUiStore } from '../stores/useWorkOrderUiStore';
import { formatTime } from './format';
import { SlaClocks } from './SlaClocks';
import { WorkOrderHistory } from './WorkOrderHistory';
import { WorkOrderSteps } from './WorkOrderSteps';
import { assigneeLabel } from './assigneeName';

/** A cost in yuan, saved when it changes and the field is left (empty: not recorded). */
function CostInput({ label, value, busy, onSave }: { label: string; value: number | null; busy: boolean; onSave: (v: number | null) => void }) {
  const [text, setText] = useState(value === null ? '' : String(value));
  const save = () => {
    const v = text.trim() === '' ? null : Number(text);
    if (v !== null && !(v >= 0 && v <= 1e7)) return setText(value === null ? '' : String(value));
    if (v !== value) onSave(v === null ? null : Math.round(v * 100) / 100);
  };
  return (
    <label>
      {label}
      <input type="number" min={0} step="0.01" value={text} disabled={busy} aria-label={label} onChange={(e) => setText(e.target.value)} onBlur={save} />
    </label>
  );
}

/** The open work order with its history; refetched when this order changes anywhere (live updates, own actions). */
function useWorkOrderDetail(id: number | null): { detail: Detail | null; error: string | null; reload: () => void } {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rev, setRev] = useState(0);
  const changed = useOpsStore((s) => (s.lastWorkOrder && s.lastWorkOrder.id === id ? s.lastWorkOrder : null));
  useEffect(() => {
    if (id === null) return;
    const ctrl = new AbortController();
    overlayApi.workOrder(id, ctrl.signal).then(
      (d) => {
        setDetail(d);
        setError(null);
      },
      (err: unknown) => !ctrl.signal.aborted && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => ctrl.abort();
  }, [id, rev, changed]);
  useEffect(() => setDetail(null), [id]);
  return { detail: detail && detail.id === id ? detail : null, error, reload: () => setRev((r) => r + 1) };
}

/** A work order in full: status, SLA clocks, lifecycle steps, assignee, priority, category, comments and history. */
export function WorkOrderDetail() {
  const id = useWorkOrderUiStore((s) => s.detailId);
  const lang = useUiStore((s) => s.lang);
  const index = useTwinStore((s) => s.index);
  const t = useT();
  const { detail: w, error, reload } = useWorkOrderDetail(id);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const [note, setNote] = useState('');
  if (id === null) return null;

  const run = async (call: () => Promise<WorkOrder>) => {
    setBusy(true);
    setFailed(null);
    try {
      useOpsStore.getState().upsertWorkOrder(await call());
      reload();
    } catch (err) {
      setFailed(t('wod.failed', { error: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };
  const step = (to: WorkOrderStatus, assignee: string, comment: string) => {
    const body: WorkOrderUpdate = { status: to };
    if (assignee && assignee !== w?.assigneeRef) body.assignee = assignee;
    if (comment) body.comment = comment;
    void run(() => overlayApi.updateWorkOrder(id, body));
  };
  const patch = (body: WorkOrderUpdate) => void run(() => overlayApi.updateWorkOrder(id, body));
  const d = w?.deviceId ? index?.deviceById.get(w.deviceId) : undefined;
  const b = w?.buildingId ? index?.buildingById.get(w.buildingId) : undefined;
  const fly = () => {
    if (d) useUiStore.getState().selectDevice(d.id);
    else if (b) useUiStore.getState().selectBuilding(b.id);
    // the new selection would take the panel back: keep this order open
    useWorkOrderUiStore.getState().open(id);
  };
  return (
    <aside className="panel side-panel wo-detail" data-testid="workorder-detail" data-workorder-id={id} data-status={w?.status ?? ''} data-inset="right">
      <header className="panel-head">
        <div>
          <h2>{t('wod.title', { id })}</h2>
          {w && <span className="sub">{w.title}</span>}
        </div>
        <button
          type="button"
          className="close"
          aria-label={t('wod.close')}
          data-testid="wo-detail-close"
          onClick={() => useWorkOrderUiStore.getState().open(null)}
        >
          ×
        </button>
      </header>
      <div className="panel-body scroll">
        {!w && !error && <div className="empty">{t('wod.loading')}</div>}
        {error && <div className="form-error">{t('wod.failed', { error })}</div>}
        {w && (
          <>
            <div className="wo-head-line">
              <span className={`wo-status-pill ${w.status}`} data-testid="wo-status" data-status={w.status}>
                {t(`wo.status.${w.status}`)}
              </span>
              {w.overdue && <span className="sla-chip overdue">{t('wod.overdue')}</span>}
              {w.alarmId !== null && <span className="wo-from">{t('wod.fromAlarm', { id: w.alarmId })}</span>}
            </div>
            <SlaClocks order={w} />
            <WorkOrderSteps key={`${w.id}:${w.status}`} order={w} busy={busy} onStep={step} />
            {failed && <div className="form-error">{failed}</div>}
            <dl className="facts">
              <dt>{t('wod.where')}</dt>
              <dd>
                <button type="button" className="link" onClick={fly} disabled={!d && !b}>
                  {d
                    ? deviceLabel(lang, d, index ?? null)
                    : b
                      ? t('crumb.building', { n: b.number })
                      : w.location
                        ? t('wod.atPoint', { x: w.location[0], y: w.location[1] })
                        : '—'}
                </button>
              </dd>
              <dt>{t('wod.priority')}</dt>
              <dd>
                <select
                  value={w.priority}
                  data-testid="wo-priority"
                  disabled={busy}
                  onChange={(e) => patch({ priority: e.target.value as WorkOrder['priority'] })}
                >
                  {PRIORITIES.map((p) => (
                    <option key={p} value={p}>
                      {t(`wo.priority.${p}`)}
                    </option>
                  ))}
                </select>
              </dd>
              <dt>{t('wod.category')}</dt>
              <dd>
                <select
                  value={w.category}
                  data-testid="wo-category"
                  disabled={busy}
                  onChange={(e) => patch({ category: e.target.value as WorkOrder['category'] })}
                >
                  {WORK_ORDER_CATEGORIES.map((c) => (
                    <option key={c} value={c}>
                      {t(`wod.category.${c}`)}
                    </option>
                  ))}
                </select>
              </dd>
              <dt>{t('wod.assignee')}</dt>
              <dd data-testid="wo-assignee-now" data-ref={w.assigneeRef ?? ''}>
                {assigneeLabel(lang, w) ?? '—'}
              </dd>
              <dt>{t('wod.cost')}</dt>
              <dd className="wo-costs">
                <CostInput key={`l${w.labourCost}`} label={t('wod.labour')} value={w.labourCost} busy={busy} onSave={(v) => patch({ labourCost: v })} />
                <CostInput key={`p${w.partsCost}`} label={t('wod.parts')} value={w.partsCost} busy={busy} onSave={(v) => patch({ partsCost: v })} />
              </dd>
              {w.residentRating !== null && (
                <>
                  <dt>{t('wod.rating')}</dt>
                  <dd data-testid="wo-rating">
                    {'★'.repeat(w.residentRating)}
                    {w.ratingComment ? ` ${w.ratingComment}` : ''}
                  </dd>
                </>
              )}
            </dl>
            <div className="wo-note">
              <textarea
                value={note}
                rows={2}
                placeholder={t('wod.comment')}
                data-testid="wo-comment"
                onChange={(e) => setNote(e.target.value)}
                onKeyDown={(e) => e.stopPropagation()}
              />
              <button
                type="button"
                data-testid="wo-comment-send"
                disabled={busy || !note.trim()}
                onClick={() => {
                  const text = note.trim();
                  setNote('');
                  void run(() => overlayApi.commentWorkOrder(id, text));
                }}
              >
                {t('wod.commentSend')}
              </button>
            </div>
            <h3>{t('wod.history')}</h3>
            <WorkOrderHistory events={w.events} />
            <div className="dim wo-created">
              {w.createdBy} · {formatTime(w.createdAt)}
            </div>
          </>
        )}
      </div>
    </aside>
  );
}
