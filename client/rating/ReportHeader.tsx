import type { RatingReport } from '../../models/rubric';
import { pick } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { LanguageSwitch } from '../panels/LanguageSwitch';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';

function stamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Title, rubric and date, and the exports: a print-ready A4 page, the API's CSV and JSON. */
export function ReportHeader({ report }: { report: RatingReport }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const compound = useTwinStore((s) => s.compound);
  // the report names the compound in Chinese; the twin knows its English name
  const name = lang === 'en' && compound?.id === report.compoundId ? compound.nameEn : report.compoundName;
  const base = `/api/v1/compounds/${encodeURIComponent(report.compoundId)}/rating`;
  return (
    <header className="rating-head">
      <div>
        <h1>{t('rating.reportTitle', { name })}</h1>
        <p className="rating-meta">
          {t('rating.rubric')}：{pick(lang, report.rubric.name)} <span className="mono">({report.rubric.id})</span> · {t('rating.generatedAt')}：{stamp(report.at)}
        </p>
      </div>
      <nav className="rating-actions" aria-label={t('rating.export')}>
        <button type="button" onClick={() => window.print()} data-testid="rating-print">
          {t('rating.print')}
        </button>
        <a href={`${base}?format=csv`} download={`rating-${report.compoundId}.csv`} data-testid="rating-csv">
          {t('rating.csv')}
        </a>
        <a href={`${base}?format=json&download=1`} download={`rating-${report.compoundId}.json`} data-testid="rating-json">
          {t('rating.json')}
        </a>
        <a href={`/?compound=${encodeURIComponent(report.compoundId)}`}>{t('rating.console')}</a>
        <LanguageSwitch />
      </nav>
    </header>
  );
}
