import { useState } from 'react';
import type { RatingReport } from '../../models/rubric';
import { useT } from '../i18n/useT';
import { CoverageGapView } from '../rating/CoverageGapView';
import { CriteriaTable } from '../rating/CriteriaTable';
import { DistrictOverview } from '../rating/DistrictOverview';
import { CategoryScores } from '../rating/CategoryScores';
import { LevelSummary } from '../rating/LevelSummary';
import { NextLevelGaps } from '../rating/NextLevelGaps';
import { ReportHeader, type RubricChoice } from '../rating/ReportHeader';
import { useJson } from '../rating/useJson';
import { useRatingTwin } from '../rating/useRatingTwin';
import { useHtmlClass } from '../wall/useHtmlClass';
import '../rating/rating.css';

/**
 * The evaluator's star-rating report for one compound under a chosen rubric: the level reached, a score
 * per rubric category, evidence for every criterion and the gaps to the next level, the coverage gaps tinted in 3D, exports (A4 print, CSV,
 * JSON), and the district overview of every compound.
 */
export function RatingMode({ compoundId }: { compoundId: string }) {
  const t = useT();
  useHtmlClass('mode-rating');
  const [attempt, setAttempt] = useState(0);
  // ?rubric= picks the rubric; without it the server's first (the example)
  const [rubric, setRubric] = useState<string | null>(() => new URLSearchParams(window.location.search).get('rubric'));
  const rubrics = useJson<RubricChoice[]>('/api/v1/rubrics');
  const report = useJson<RatingReport>(
    `/api/v1/compounds/${encodeURIComponent(compoundId)}/rating${rubric ? `?rubric=${encodeURIComponent(rubric)}` : ''}`,
    attempt,
  );
  const pickRubric = (id: string) => {
    const url = new URL(window.location.href);
    url.searchParams.set('rubric', id);
    window.history.replaceState(window.history.state, '', url);
    setRubric(id);
  };
  useRatingTwin(compoundId);
  return (
    <div className="rating-page">
      {report.state === 'loading' && (
        <div className="rating-status" role="status">
          <div className="spinner" />
          {t('rating.loading')}
        </div>
      )}
      {report.state === 'error' && (
        <div className="rating-status rating-error" role="alert" data-testid="rating-error">
          {t('rating.failed', { error: report.error })}
          <button type="button" onClick={() => setAttempt((a) => a + 1)}>
            {t('rating.retry')}
          </button>
        </div>
      )}
      {report.state === 'ready' && (
        <article className="rating-report" data-testid="rating-report" data-compound-id={report.data.compoundId}>
          <ReportHeader report={report.data} rubrics={rubrics.state === 'ready' ? rubrics.data : []} onRubric={pickRubric} />
          <LevelSummary report={report.data} />
          <CategoryScores report={report.data} />
          <NextLevelGaps report={report.data} />
          <CriteriaTable report={report.data} />
          <CoverageGapView report={report.data} />
        </article>
      )}
      <DistrictOverview current={compoundId} rubric={rubric} />
    </div>
  );
}
