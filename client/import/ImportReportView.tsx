import type { ImportReport } from '../../models/geojsonImport';
import { formatNumber } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { useUiStore } from '../stores/useUiStore';

const MAX_ROWS = 100;

/** What the importer did: the profile and CRS it chose and why, each rule's takings, uses, surroundings, and every skip with its reason. */
export function ImportReportView({ report: r }: { report: ImportReport }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const n = (v: number) => formatNumber(lang, v);
  const uses = Object.entries(r.uses).filter(([, v]) => v > 0);
  return (
    <div
      className="import-report"
      data-testid="import-report"
      data-profile={r.profile}
      data-crs={r.crs}
      data-buildings={r.buildings}
      data-neighbours={r.context.neighbours}
      data-red-line={r.redLine}
    >
      <h3>{t('import.report')}</h3>
      <p data-testid="import-profile-line">{t('import.profileLine', { profile: r.profile, reason: r.profileReason })}</p>
      <p>{t('import.crsLine', { crs: r.crs, reason: r.crsReason })}</p>
      <p data-testid="import-totals">
        {t('import.totals', {
          buildings: n(r.buildings),
          residential: n(r.residentialBuildings),
          units: n(r.units),
          households: n(r.households),
          devices: n(r.devices),
        })}
      </p>
      <p>
        {t('import.contextCounts', {
          roads: n(r.context.roads),
          water: n(r.context.water),
          green: n(r.context.green),
          landuse: n(r.context.landuse),
          neighbours: n(r.context.neighbours),
        })}
      </p>
      <p className="dim">{t('import.redLine', { from: r.redLine })}</p>
      {uses.length > 0 && (
        <p className="import-uses" data-testid="import-uses">
          {t('import.uses')}:{' '}
          {uses.map(([u, v]) => (
            <span key={u} className={`use-chip use-${u}`} data-use={u}>
              {t(`building.use.${u}` as Parameters<typeof t>[0])} {n(v)}
            </span>
          ))}
        </p>
      )}
      {r.rules.length > 0 && (
        <table className="import-rules" data-testid="import-rules">
          <thead>
            <tr>
              <th>{t('import.rules')}</th>
              <th className="num">{t('import.taken')}</th>
              <th className="num">{t('import.skippedCol')}</th>
            </tr>
          </thead>
          <tbody>
            {r.rules.map((x) => (
              <tr key={x.rule}>
                <td className="mono">{x.rule}</td>
                <td className="num">{n(x.taken)}</td>
                <td className={`num ${x.skipped ? 'warn' : ''}`}>{n(x.skipped)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {r.skipped.length > 0 && (
        <details data-testid="import-skipped">
          <summary>{t('import.skipped', { n: n(r.skipped.length) })}</summary>
          <ul>
            {r.skipped.slice(0, MAX_ROWS).map((s, i) => (
              <li key={i}>
                <b>{t('import.feature', { index: s.index })}</b>
                {s.part ? ` · ${s.part}` : ''}: {s.reason}
              </li>
            ))}
            {r.skipped.length > MAX_ROWS && <li className="dim">{t('import.more', { n: n(r.skipped.length - MAX_ROWS) })}</li>}
          </ul>
        </details>
      )}
      {r.warnings.length > 0 && (
        <details>
          <summary>{t('import.warnings', { n: n(r.warnings.length) })}</summary>
          <ul>
            {r.warnings.slice(0, MAX_ROWS).map((w, i) => (
              <li key={i}>
                {w.index !== undefined && <b>{t('import.feature', { index: w.index })}: </b>}
                {w.message}
              </li>
            ))}
            {r.warnings.length > MAX_ROWS && <li className="dim">{t('import.more', { n: n(r.warnings.length - MAX_ROWS) })}</li>}
          </ul>
        </details>
      )}
    </div>
  );
}
