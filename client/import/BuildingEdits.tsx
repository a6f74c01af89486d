import { useEffect, useMemo, useState } from 'react';
import { BUILDING_USES, buildingTotals, type Building, type BuildingUse } from '../../models/compound';
import type { ImportEdits } from '../../models/geojsonImport';
import { formatNumber } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { useUiStore } from '../stores/useUiStore';

const MAX_ROWS = 150;
type Patch = ImportEdits['buildings'][string];

/**
 * The preview's buildings to correct before saving: number, name and use class. Clicking a building
 * in the 3D preview brings its row to the top; a filter finds the rest (a district can have thousands,
 * so only the first rows are drawn). Inputs commit on change of focus, not per keystroke.
 */
export function BuildingEdits({
  buildings,
  edits,
  pendingCount,
  onEdit,
}: {
  buildings: readonly Building[];
  edits: ImportEdits['buildings'];
  pendingCount: number;
  onEdit: (id: string, patch: Patch) => void;
}) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const selected = useUiStore((s) => s.selection.buildingId);
  const [filter, setFilter] = useState('');
  const rows = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const hit = f ? buildings.filter((b) => `${b.id} ${b.number} ${b.name ?? ''}`.toLowerCase().includes(f)) : buildings;
    const sel = selected ? hit.find((b) => b.id === selected) : undefined;
    return sel ? [sel, ...hit.filter((b) => b !== sel)] : hit;
  }, [buildings, filter, selected]);
  useEffect(() => {
    if (selected) document.querySelector(`[data-building-row="${CSS.escape(selected)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  return (
    <div className="import-buildings" data-testid="import-buildings">
      <div className="import-buildings-head">
        <h3>{t('import.buildings', { n: formatNumber(lang, buildings.length) })}</h3>
        <input type="search" placeholder={t('import.filter')} value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="import-filter" />
      </div>
      {pendingCount > 0 && <p className="warn">{t('import.edited', { n: pendingCount })}</p>}
      <div className="import-table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t('import.col.id')}</th>
              <th>{t('import.col.number')}</th>
              <th>{t('import.col.name')}</th>
              <th>{t('import.col.use')}</th>
              <th className="num">{t('import.col.floors')}</th>
              <th className="num">{t('import.col.households')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, MAX_ROWS).map((b) => (
              <tr
                key={b.id}
                data-building-row={b.id}
                className={`${b.id === selected ? 'selected' : ''} ${edits[b.id] ? 'edited' : ''}`}
                onClick={() => useUiStore.getState().selectBuilding(b.id)}
              >
                <td className="mono">{b.id}</td>
                <td>
                  <input
                    key={`n-${b.number}`}
                    defaultValue={b.number}
                    maxLength={16}
                    size={5}
                    aria-label={t('import.col.number')}
                    onBlur={(e) => e.target.value.trim() && e.target.value.trim() !== b.number && onEdit(b.id, { number: e.target.value.trim() })}
                  />
                </td>
                <td>
                  <input
                    key={`m-${b.name ?? ''}`}
                    defaultValue={b.name ?? ''}
                    maxLength={64}
                    aria-label={t('import.col.name')}
                    data-testid="import-edit-name"
                    onBlur={(e) => e.target.value.trim() !== (b.name ?? '') && onEdit(b.id, { name: e.target.value.trim() })}
                  />
                </td>
                <td>
                  <select
                    value={b.use}
                    aria-label={t('import.col.use')}
                    data-testid="import-edit-use"
                    onChange={(e) => onEdit(b.id, { use: e.target.value as BuildingUse })}
                  >
                    {BUILDING_USES.map((u) => (
                      <option key={u} value={u}>
                        {t(`building.use.${u}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="num">{b.floors}</td>
                <td className="num">{formatNumber(lang, buildingTotals(b).households)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > MAX_ROWS && <p className="dim">{t('import.showing', { shown: MAX_ROWS, n: formatNumber(lang, rows.length) })}</p>}
    </div>
  );
}
