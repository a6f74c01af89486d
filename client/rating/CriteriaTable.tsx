import type { RatingReport } from '../../models/rubric';
import { pick } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { useUiStore } from '../stores/useUiStore';
import { gapSentence, measuredText, thresholdText } from './ratingText';

/** Every criterion: the level it is required for, pass/fail, measured against threshold, how it was computed, and the gap. */
export function CriteriaTable({ report }: { report: RatingReport }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const levelName = new Map(report.levels.map((l) => [l.id, pick(lang, l.name)]));
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
        <tbody>
          {report.criteria.map((c) => (
            <tr key={c.id} className={c.pass ? 'pass' : 'fail'} data-criterion-id={c.id} data-pass={c.pass}>
              <td className="lvl">{levelName.get(c.level) ?? c.level}</td>
              <td className="title">
                {pick(lang, c.title)}
                <small>{c.id}</small>
              </td>
              <td className="result">
                <span className={`rating-mark ${c.pass ? 'pass' : 'fail'}`}>{c.pass ? t('rating.pass') : t('rating.fail')}</span>
              </td>
              <td className="num" data-field="measured">
                {measuredText(lang, c)}
              </td>
              <td className="num" data-field="threshold">
                {thresholdText(lang, c)}
              </td>
              <td className="evidence" data-field="evidence">
                {c.evidence}
              </td>
              <td className="gap" data-field="gap">
                {gapSentence(lang, c)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
