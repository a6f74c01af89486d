import type { RatingReport } from '../../models/rubric';
import { pick } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { useUiStore } from '../stores/useUiStore';
import { num, pct } from './ratingText';

/** One card per rubric category: the weighted share passed of what the twin measures, with what is short of data or left to manual checks. */
export function CategoryScores({ report }: { report: RatingReport }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  return (
    <section className="rating-section rating-categories" data-testid="rating-categories">
      <h2>{t('rating.categories')}</h2>
      <ol>
        {report.categories.map((c) => (
          <li key={c.id} data-category-id={c.id} data-score={c.scorePct ?? ''}>
            <span className="name">{pick(lang, c.name)}</span>
            <strong className="score">{c.scorePct === null ? '—' : pct(lang, c.scorePct)}</strong>
            <span className="bar">
              <i style={{ width: `${c.scorePct ?? 0}%` }} />
            </span>
            <span className="counts">
              {c.measurable ? t('rating.catScore', { passed: num(lang, c.passed), measurable: num(lang, c.measurable) }) : t('rating.catScoreNone')}
            </span>
            <span className="flags">
              {c.insufficient > 0 && <em className="insufficient">{t('rating.catInsufficient', { n: num(lang, c.insufficient) })}</em>}
              {c.manual > 0 && <em className="manual">{t('rating.catManual', { n: num(lang, c.manual) })}</em>}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
