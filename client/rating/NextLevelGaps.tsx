import type { RatingReport } from '../../models/rubric';
import { pick } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { useUiStore } from '../stores/useUiStore';
import { gapSentence } from './ratingText';

/** What stands between the compound and the next level: each failing criterion with its gap sentence. */
export function NextLevelGaps({ report }: { report: RatingReport }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const next = report.next;
  const failing = next ? report.criteria.filter((c) => next.failing.includes(c.id)) : [];
  return (
    <section className="rating-section rating-next" data-testid="rating-next">
      <h2>
        {next ? t('rating.next', { level: pick(lang, next.name) }) : t('rating.nextNone')}
        {next && <span className="rating-count">{t('rating.nextCount', { n: failing.length })}</span>}
      </h2>
      {next && (
        <ol>
          {failing.map((c) => (
            <li key={c.id} data-criterion-id={c.id}>
              <b>{pick(lang, c.title)}</b>
              <span>{gapSentence(lang, c) || c.evidence}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
