import type { RatingReport } from '../../models/rubric';
import { pick } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { useUiStore } from '../stores/useUiStore';
import { evidenceText, gapSentence, statusText } from './ratingText';

/** What stands between the compound and the next level: each failing criterion with its gap sentence. */
export function NextLevelGaps({ report }: { report: RatingReport }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const next = report.next;
  const failing = next ? report.criteria.filter((c) => next.failing.includes(c.id)) : [];
  const upTo = new Set(report.levels.slice(0, report.levels.findIndex((l) => l.id === next?.id) + 1).map((l) => l.id));
  const manual = next ? report.criteria.filter((c) => c.status === 'manual' && upTo.has(c.level)).length : 0;
  return (
    <section className="rating-section rating-next" data-testid="rating-next">
      <h2>
        {next ? t('rating.next', { level: pick(lang, next.name) }) : t('rating.nextNone')}
        {next && <span className="rating-count">{t('rating.nextCount', { n: failing.length })}</span>}
      </h2>
      {next && (
        <ol>
          {failing.map((c) => (
            <li key={c.id} data-criterion-id={c.id} data-status={c.status} className={c.status}>
              <b>{pick(lang, c.title)}</b>
              {c.status === 'insufficient' && <i className={`rating-mark ${c.status}`}>{statusText(lang, c.status)}</i>}
              <span>{gapSentence(lang, c) || evidenceText(lang, c.evidence, report.timeZone)}</span>
            </li>
          ))}
        </ol>
      )}
      {manual > 0 && <p className="rating-manual-note">{t('rating.nextManual', { n: manual })}</p>}
    </section>
  );
}
