import { unitTotals, type Building } from '../../models/compound';
import { useT } from '../i18n/useT';
import { useUiStore } from '../stores/useUiStore';

/** Units with their household aggregates; click a row to focus the unit. */
export function UnitTable({ building }: { building: Building }) {
  const t = useT();
  const unitId = useUiStore((s) => s.selection.unitId);
  if (!building.units.length) return null;
  return (
    <table className="unit-table" data-testid="unit-table">
      <thead>
        <tr>
          <th>{t('building.units')}</th>
          <th>{t('building.households')}</th>
          <th>{t('building.occupied')}</th>
          <th>{t('building.elderly')}</th>
          <th>{t('building.residents')}</th>
        </tr>
      </thead>
      <tbody>
        {building.units.map((u) => {
          const tot = unitTotals(u);
          return (
            <tr key={u.id} className={u.id === unitId ? 'selected' : ''} onClick={() => useUiStore.getState().selectUnit(u.id === unitId ? null : u.id)}>
              <td>{t('building.unitRow', { n: u.number })}</td>
              <td>{tot.households}</td>
              <td>{tot.occupied}</td>
              <td className={tot.elderlyAlone ? 'warn' : ''}>{tot.elderlyAlone}</td>
              <td>{u.residents}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
