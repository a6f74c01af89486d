import { useState } from 'react';
import { PRIORITIES, WORK_ORDER_CATEGORIES, type Priority, type WorkOrderCategory, type WorkOrderCreate } from '../../models/workOrder';
import { buildingTitle, deviceLabel } from '../i18n/names';
import { useT } from '../i18n/useT';
import { overlayApi } from '../overlays/overlayApi';
import { useOpsStore } from '../stores/useOpsStore';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { useWorkOrderUiStore } from '../stores/useWorkOrderUiStore';

/** A new work order from a device, a building or a point picked in the scene. */
export function WorkOrderForm() {
  const draft = useWorkOrderUiStore((s) => s.draft);
  const compoundId = useTwinStore((s) => s.compoundId);
  const index = useTwinStore((s) => s.index);
  const lang = useUiStore((s) => s.lang);
  const t = useT();
  const d = draft?.deviceId ? index?.deviceById.get(draft.deviceId) : undefined;
  const b = draft?.buildingId ? index?.buildingById.get(draft.buildingId) : undefined;
  const where = d ? deviceLabel(lang, d, index ?? null) : b ? buildingTitle(lang, b) : draft?.location ? t('wod.atPoint', { x: draft.location[0], y: draft.location[1] }) : '';
  const [title, setTitle] = useState(() => t('wod.defaultTitle', { where }));
  const [category, setCategory] = useState<WorkOrderCategory>('repair');
  const [priority, setPriority] = useState<Priority>('normal');
  const [assignee, setAssignee] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!draft) return null;
  const submit = async () => {
    setBusy(true);
    setError(null);
    const body: Partial<WorkOrderCreate> = { compoundId, title: title.trim(), category, priority, description };
    if (draft.deviceId) body.deviceId = draft.deviceId;
    if (draft.buildingId) body.buildingId = draft.buildingId;
    if (draft.location) body.location = draft.location;
    if (assignee.trim()) body.assignee = assignee.trim();
    try {
      const w = await overlayApi.createWorkOrder(body);
      useOpsStore.getState().upsertWorkOrder(w);
      useWorkOrderUiStore.getState().open(w.id);
    } catch (err) {
      setError(t('wod.failed', { error: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };
  const stop = (e: React.KeyboardEvent) => e.stopPropagation();
  return (
    <aside className="panel side-panel wo-form" data-testid="workorder-form" data-inset="right">
      <header className="panel-head">
        <div>
          <h2>{t('wod.new')}</h2>
          <span className="sub">{where}</span>
        </div>
        <button type="button" className="close" aria-label={t('wod.cancel')} onClick={() => useWorkOrderUiStore.getState().startDraft(null)}>
          ×
        </button>
      </header>
      <div className="panel-body scroll wo-form-body">
        <label className="wo-field">
          <span>{t('wod.newTitle')}</span>
          <input value={title} maxLength={200} data-testid="wo-new-title" onChange={(e) => setTitle(e.target.value)} onKeyDown={stop} />
        </label>
        <label className="wo-field">
          <span>{t('wod.category')}</span>
          <select value={category} data-testid="wo-new-category" onChange={(e) => setCategory(e.target.value as WorkOrderCategory)}>
            {WORK_ORDER_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`wod.category.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="wo-field">
          <span>{t('wod.priority')}</span>
          <select value={priority} data-testid="wo-new-priority" onChange={(e) => setPriority(e.target.value as Priority)}>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`wo.priority.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="wo-field">
          <span>{t('wod.assignee')}</span>
          <input value={assignee} maxLength={64} data-testid="wo-new-assignee" onChange={(e) => setAssignee(e.target.value)} onKeyDown={stop} />
        </label>
        <label className="wo-field">
          <span>{t('wod.description')}</span>
          <textarea value={description} rows={3} maxLength={4000} onChange={(e) => setDescription(e.target.value)} onKeyDown={stop} />
        </label>
        {error && <div className="form-error">{error}</div>}
        <div className="alarm-actions">
          <button type="button" className="primary" data-testid="wo-new-submit" disabled={busy || !title.trim()} onClick={() => void submit()}>
            {t('wod.create')}
          </button>
          <button type="button" onClick={() => useWorkOrderUiStore.getState().startDraft(null)}>
            {t('wod.cancel')}
          </button>
        </div>
      </div>
    </aside>
  );
}
