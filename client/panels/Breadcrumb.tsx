import { buildingTitle, deviceLabel } from '../i18n/names';
import { useT } from '../i18n/useT';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';

/** compound › building › unit / floor › device; each crumb goes back to its level. */
export function Breadcrumb() {
  const sel = useUiStore((s) => s.selection);
  const index = useTwinStore((s) => s.index);
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const b = sel.buildingId ? index?.buildingById.get(sel.buildingId) : undefined;
  const u = sel.unitId ? index?.unitById.get(sel.unitId)?.unit : undefined;
  const d = sel.deviceId ? index?.deviceById.get(sel.deviceId) : undefined;
  const ui = useUiStore.getState;
  const crumbs: { key: string; label: string; go?: () => void }[] = [{ key: 'c', label: t('crumb.compound'), go: () => ui().selectBuilding(null) }];
  if (b) crumbs.push({ key: 'b', label: buildingTitle(lang, b), go: () => ui().selectBuilding(b.id) });
  if (u) crumbs.push({ key: 'u', label: t('crumb.unit', { n: u.number }), go: () => ui().selectFloor(null) });
  if (sel.floor !== null && b) crumbs.push({ key: 'f', label: t('crumb.floor', { n: sel.floor }), go: () => ui().selectDevice(null) });
  if (d) crumbs.push({ key: 'd', label: deviceLabel(lang, d, index ?? null) });
  return (
    <nav className="breadcrumb" data-testid="breadcrumb" aria-label="breadcrumb">
      {crumbs.map((c, i) => (
        <span key={c.key} className="crumb">
          {i > 0 && <span className="sep">›</span>}
          {i < crumbs.length - 1 && c.go ? (
            <button type="button" onClick={c.go}>
              {c.label}
            </button>
          ) : (
            <span className="current">{c.label}</span>
          )}
        </span>
      ))}
      {crumbs.length > 1 && (
        <button type="button" className="back" onClick={() => ui().back()} title={t('crumb.back')}>
          ⟵ {t('crumb.back')}
        </button>
      )}
    </nav>
  );
}
