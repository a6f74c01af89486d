import { useMemo, useState } from 'react';
import type { CoverageGap, RatingReport } from '../../models/rubric';
import { pick } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { SceneCanvas } from '../scene/SceneCanvas';
import { ViewCones } from '../scene/ViewCones';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { GapOverlay } from './GapOverlay';
import { gapPlace } from './ratingText';

const MAX_PLACES = 60;

/** The coverage-gap layer in 3D (screen only) with a criterion picker, and the places short of a device as text (printed too). */
export function CoverageGapView({ report }: { report: RatingReport }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const index = useTwinStore((s) => s.index);
  const withGaps = useMemo(() => report.criteria.filter((c) => c.gaps.length > 0), [report]);
  const [pickId, setPickId] = useState<string>('');
  const gaps = useMemo<CoverageGap[]>(
    () => (pickId ? (withGaps.find((c) => c.id === pickId)?.gaps ?? []) : withGaps.flatMap((c) => c.gaps)),
    [pickId, withGaps],
  );
  const places = useMemo(() => [...new Set(gaps.map((g) => gapPlace(lang, g, index)))], [gaps, lang, index]);
  return (
    <section className={`rating-section rating-coverage ${places.length ? '' : 'no-gaps'}`} data-testid="rating-coverage">
      <h2>
        {t('rating.coverage')}
        {withGaps.length > 0 && (
          <select value={pickId} onChange={(e) => setPickId(e.target.value)} data-testid="coverage-criterion">
            <option value="">{t('rating.coverageAll')}</option>
            {withGaps.map((c) => (
              <option key={c.id} value={c.id}>
                {pick(lang, c.title)} ({c.gaps.length})
              </option>
            ))}
          </select>
        )}
      </h2>
      <div className="rating-3d">
        <SceneCanvas>
          <ViewCones always />
          <GapOverlay gaps={gaps} />
        </SceneCanvas>
        <div className="rating-3d-legend">
          <i /> {withGaps.length ? t('rating.coverageLegend') : t('rating.coverageNone')}
        </div>
      </div>
      {places.length > 0 && (
        <div className="rating-places" data-testid="coverage-places">
          <h3>{t('rating.gapPlaces', { n: places.length })}</h3>
          <p>
            {places.slice(0, MAX_PLACES).join('、')}
            {places.length > MAX_PLACES ? ` … ${t('rating.gapMore', { n: places.length - MAX_PLACES })}` : ''}
          </p>
        </div>
      )}
    </section>
  );
}
