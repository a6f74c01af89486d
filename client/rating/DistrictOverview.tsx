import type { DistrictRow } from '../../models/rubric';
import { pick } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { useUiStore } from '../stores/useUiStore';
import { num, pct } from './ratingText';
import { useJson } from './useJson';

interface District {
  rubric: { id: string; name: { zh: string; en: string }; example: boolean };
  compounds: DistrictRow[];
}

/** Every compound in the district with its level, online rate and open alarms, each linking to its own rating. */
export function DistrictOverview({ current, rubric }: { current: string; rubric: string | null }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const district = useJson<District>(`/api/v1/rating/district${rubric ? `?rubric=${encodeURIComponent(rubric)}` : ''}`);
  return (
    <section className="rating-section rating-district" data-testid="district-overview">
      <h2>{t('rating.district')}</h2>
      {district.state === 'loading' && <p className="dim">{t('rating.district.loading')}</p>}
      {district.state === 'error' && <p className="rating-error">{t('rating.failed', { error: district.error })}</p>}
      {district.state === 'ready' && (
        <table>
          <thead>
            <tr>
              <th>{t('rating.district.compound')}</th>
              <th>{t('rating.district.city')}</th>
              <th>{t('rating.district.level')}</th>
              <th className="num">{t('rating.district.online')}</th>
              <th className="num">{t('rating.district.alarms')}</th>
              <th className="num">{t('rating.district.households')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {district.data.compounds.map((r) => (
              <tr key={r.compoundId} data-compound-id={r.compoundId} className={r.compoundId === current ? 'current' : ''}>
                <td>{r.name}</td>
                <td>{r.city}</td>
                <td data-field="level">{r.level ? pick(lang, r.level.name) : t('rating.levelNone')}</td>
                <td className="num">{pct(lang, r.onlinePct)}</td>
                <td className={`num ${r.openAlarms ? 'warn' : ''}`}>{r.openAlarms}</td>
                <td className="num">{num(lang, r.households)}</td>
                <td>
                  {r.compoundId === current ? (
                    <span className="dim">{t('rating.district.current')}</span>
                  ) : (
                    <a href={`/rating?compound=${encodeURIComponent(r.compoundId)}${rubric ? `&rubric=${encodeURIComponent(rubric)}` : ''}`}>
                      {t('rating.district.open')}
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
