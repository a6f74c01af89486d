import type { CriterionResult, RatingReport } from '../../models/rubric';
import { pick } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { useUiStore } from '../stores/useUiStore';
import { evidenceText, gapSentence, measuredText, num, pct, statusText, thresholdText } from './ratingText';

/**
 * Every criterion grouped by the rubric's categories, each group headed by its score: the level it is
 * required for, the outcome (passed, failed, insufficient data, manual check), measured against
 * threshold, how it was computed (in the report's language) and the gap.
 */
export function CriteriaTable({ report }: { report: RatingReport }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const levelName = new Map(report.levels.map((l) => [l.id, pick(lang, l.name)]));
  const byCategory = new Map<string, CriterionResult[]>();
  for (const c of report.criteria) byCategory.set(c.category, [...(byCategory.get(c.category) ?? []), c]);
  const weighted = report.criteria.some((c) => c.weight !== 1);
  return (
    <section className="rating-section">
      <h2>{t('rating.criteria')}</h2>
      <table className="rating-criteria" data-testid="rating-criteria">
        <thead>
          <tr>
            <th>{t('rating.col.level')}</th>
            <th>{t('rating.col.criterion')}</th>
            <th>{t('rating.col.result')}</th>
            <th>{t('rating.col.measured')}</th>
            <th>{t('rating.col.threshold')}</th>
            <th>{t('rating.col.evidence')}</th>
            <th>{t('rating.col.gap')}</th>
          </tr>
        </thead>
        {report.categories.map((cat) => (
          <tbody key={cat.id} data-category-id={cat.id} className="rating-cat-group">
            <tr className="cat">
              <th colSpan={7} scope="rowgroup">
                <span className="cat-name">{pick(lang, cat.name)}</span>
                <span className="cat-score" data-field="score">
                  {cat.scorePct === null
                    ? t('rating.catScoreNone')
                    : `${pct(lang, cat.scorePct)} · ${t('rating.catScore', { passed: num(lang, cat.passed), measurable: num(lang, cat.measurable) })}`}
                </span>
                {cat.insufficient > 0 && <span className="cat-flag insufficient">{t('rating.catInsufficient', { n: num(lang, cat.insufficient) })}</span>}
                {cat.manual > 0 && <span className="cat-flag manual">{t('rating.catManual', { n: num(lang, cat.manual) })}</span>}
              </th>
            </tr>
            {(byCategory.get(cat.id) ?? []).map((c) => (
              <tr key={c.id} className={c.status} data-criterion-id={c.id} data-pass={c.pass} data-status={c.status}>
                <td className="lvl">{levelName.get(c.level) ?? c.level}</td>
                <td className="title">
                  {pick(lang, c.title)}
                  <small>
                    {c.id}
                    {weighted && c.weight !== 1 ? ` · ${t('rating.weight', { w: num(lang, c.weight) })}` : ''}
                  </small>
                </td>
                <td className="result">
                  <span className={`rating-mark ${c.status}`}>{statusText(lang, c.status)}</span>
                </td>
                <td className="num" data-field="measured">
                  {measuredText(lang, c)}
                </td>
                <td className="num" data-field="threshold">
                  {thresholdText(lang, c)}
                </td>
                <td className="evidence" data-field="evidence">
                  {evidenceText(lang, c.evidence, report.timeZone)}
                </td>
                <td className="gap" data-field="gap">
                  {gapSentence(lang, c)}
                </td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </section>
  );
}
