import type { RatingReport } from '../../models/rubric';
import { formatInZone } from '../../models/zoneTime';
import { pick } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { LanguageSwitch } from '../panels/LanguageSwitch';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';

export interface RubricChoice {
  id: string;
  name: { zh: string; en: string };
}

/** Title, rubric (with a picker when there are several), its source and our disclaimer, date, and the exports. */
export function ReportHeader({ report, rubrics, onRubric }: { report: RatingReport; rubrics: readonly RubricChoice[]; onRubric: (id: string) => void }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const compound = useTwinStore((s) => s.compound);
  // the report names the compound in Chinese; the twin knows its English name
  const name = lang === 'en' && compound?.id === report.compoundId ? compound.nameEn : report.compoundName;
  const q = `rubric=${encodeURIComponent(report.rubric.id)}`;
  const base = `/api/v1/compounds/${encodeURIComponent(report.compoundId)}/rating`;
  return (
    <header className="rating-head">
      <div className="rating-head-main">
        <h1>{t('rating.reportTitle', { name })}</h1>
        <p className="rating-meta">
          {t('rating.rubric')}
          {t('rating.colon')}
          {rubrics.length > 1 ? (
            <select value={report.rubric.id} onChange={(e) => onRubric(e.target.value)} data-testid="rubric-picker" aria-label={t('rating.rubricPick')}>
              {rubrics.map((r) => (
                <option key={r.id} value={r.id}>
                  {pick(lang, r.name)}
                </option>
              ))}
            </select>
          ) : (
            pick(lang, report.rubric.name)
          )}{' '}
          <span className="mono">({report.rubric.id})</span> · {t('rating.generatedAt')}
          {t('rating.colon')}
          {formatInZone(report.at, report.timeZone, lang, 'ymd-hm')}
        </p>
        {(report.rubric.source || report.rubric.disclaimer) && (
          <dl className="rating-source" data-testid="rating-source">
            {report.rubric.source && (
              <>
                <dt>{t('rating.source')}</dt>
                <dd>{pick(lang, report.rubric.source)}</dd>
              </>
            )}
            {report.rubric.disclaimer && (
              <>
                <dt>{t('rating.disclaimer')}</dt>
                <dd className="disclaimer">{pick(lang, report.rubric.disclaimer)}</dd>
              </>
            )}
          </dl>
        )}
      </div>
      <nav className="rating-actions" aria-label={t('rating.export')}>
        <button type="button" onClick={() => window.print()} data-testid="rating-print">
          {t('rating.print')}
        </button>
        <a href={`${base}?format=csv&${q}`} download={`rating-${report.compoundId}.csv`} data-testid="rating-csv">
          {t('rating.csv')}
        </a>
        <a href={`${base}?format=json&download=1&${q}`} download={`rating-${report.compoundId}.json`} data-testid="rating-json">
          {t('rating.json')}
        </a>
        <a href={`/?compound=${encodeURIComponent(report.compoundId)}`}>{t('rating.console')}</a>
        <LanguageSwitch />
      </nav>
    </header>
  );
}
