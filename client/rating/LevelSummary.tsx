import type { RatingReport } from '../../models/rubric';
import { pick } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { useUiStore } from '../stores/useUiStore';

/** The level reached (prominent), the ladder of levels, and the example-rubric notice. */
export function LevelSummary({ report }: { report: RatingReport }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const reached = report.level ? report.levels.findIndex((l) => l.id === report.level!.id) : -1;
  return (
    <section className="rating-summary">
      <div className={`rating-level-card ${report.level ? '' : 'none'}`}>
        <span className="rating-level-label">{t('rating.levelReached')}</span>
        <strong className="rating-level" data-testid="rating-level" data-level-id={report.level?.id ?? ''}>
          {report.level ? pick(lang, report.level.name) : t('rating.levelNone')}
        </strong>
        <span className="rating-stars" aria-hidden>
          {report.levels.map((l, i) => (
            <i key={l.id} className={i <= reached ? 'on' : ''}>
              ★
            </i>
          ))}
        </span>
      </div>
      <div className="rating-ladder">
        <h2>{t('rating.levels')}</h2>
        <ol>
          {report.levels.map((l) => (
            <li key={l.id} className={l.pass ? 'pass' : 'fail'} data-level-id={l.id}>
              <span className="name">{pick(lang, l.name)}</span>
              <span className="bar">
                <i style={{ width: `${l.total ? (l.passed / l.total) * 100 : 0}%` }} />
              </span>
              <span className="passed">
                {t('rating.levelPassed', { passed: l.passed, total: l.total })}
                {l.insufficient > 0 && <em className="insufficient">{t('rating.levelInsufficient', { n: l.insufficient })}</em>}
              </span>
              <span className="mark">{l.pass ? t('rating.pass') : t('rating.fail')}</span>
            </li>
          ))}
        </ol>
      </div>
      {report.rubric.example && (
        <aside className="rating-notice" data-testid="rating-notice" role="note">
          <b>{t('rating.exampleNotice')}</b>
          {report.rubric.notice ? pick(lang, report.rubric.notice) : pick(lang, report.rubric.name)}
        </aside>
      )}
    </section>
  );
}
