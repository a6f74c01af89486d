import type { CompoundSummary } from '../../models/compound';
import { pick } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { useCompoundList } from '../live/useCompoundList';
import { navigateCompound, navigatePath, useRoute } from '../modes/route';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';

const nameOf = (lang: 'zh-CN' | 'en', c: Pick<CompoundSummary, 'name' | 'nameEn'>) => pick(lang, { zh: c.name, en: c.nameEn });

/** The switcher's entry that opens the district view instead of a compound. */
export const DISTRICT_ENTRY = '__district';

/** The link to the district under the title: small, in the accent colour (styles.css is the console's; this is its only rule). */
const DISTRICT_LINK_STYLE = {
  marginLeft: '0.6rem',
  letterSpacing: 'normal',
  color: 'var(--accent)',
  textDecoration: 'none',
  whiteSpace: 'nowrap',
} as const;

/**
 * "District overview" on the line under the compound's name, for users with several compounds: it takes
 * no width from the top bar (beside the title it pushed the KPIs into the search box at 1920 px).
 */
export function DistrictLink() {
  const list = useCompoundList();
  const t = useT();
  if (!list || list.length < 2) return null;
  return (
    <a
      href="/district"
      data-testid="district-link"
      style={DISTRICT_LINK_STYLE}
      onClick={(e) => {
        e.preventDefault();
        navigatePath('/district');
      }}
    >
      {t('compound.district')}
    </a>
  );
}

/** "Operations" beside it: the compound's operations page (its own lazy chunk). */
export function OperationsLink() {
  const t = useT();
  const id = useRoute().compoundId;
  return (
    <a href={`/operations?compound=${encodeURIComponent(id)}`} data-testid="operations-link" style={DISTRICT_LINK_STYLE}>
      {t('compound.operations')}
    </a>
  );
}

/**
 * The compound's name in the top bar; for a user with several compounds it is a drop-down that swaps
 * the twin in place (`?compound=` changes, no page reload), lists the same compounds in the same order as
 * the district (both from the caller's compounds by id), and has a "District overview" entry (DistrictLink
 * under the title opens it too).
 */
export function CompoundTitle() {
  const compound = useTwinStore((s) => s.compound);
  const lang = useUiStore((s) => s.lang);
  const route = useRoute();
  const list = useCompoundList();
  const t = useT();
  if (!list || list.length < 2) return <h1>{compound ? nameOf(lang, compound) : t('app.title')}</h1>;
  const known = list.some((c) => c.id === route.compoundId);
  return (
    <h1>
      <select
        className="compound-switcher"
        data-testid="compound-switcher"
        aria-label={t('compound.switch')}
        title={t('compound.switch')}
        value={known ? route.compoundId : ''}
        onChange={(e) => {
          const v = e.target.value;
          if (v === DISTRICT_ENTRY) navigatePath('/district');
          else if (v) navigateCompound(v);
        }}
      >
        {!known && (
          <option value="" disabled>
            {t('compound.choose')}
          </option>
        )}
        {list.map((c) => (
          <option key={c.id} value={c.id}>
            {nameOf(lang, c)}
          </option>
        ))}
        <option value={DISTRICT_ENTRY} data-testid="compound-switcher-district">
          {t('compound.districtEntry')}
        </option>
      </select>
    </h1>
  );
}

/** The way out of a compound that failed to load: the user's compounds to pick from. */
export function CompoundPicker({ failedId }: { failedId: string }) {
  const lang = useUiStore((s) => s.lang);
  const list = useCompoundList();
  const t = useT();
  if (!list) return null;
  const others = list.filter((c) => c.id !== failedId);
  if (list.length === 0) return <p>{t('compound.none')}</p>;
  if (others.length === 0) return null;
  return (
    <nav className="compound-picker" data-testid="compound-picker" aria-label={t('compound.pickTitle')}>
      <h2>{t('compound.pickTitle')}</h2>
      <ul>
        {others.map((c) => (
          <li key={c.id}>
            <button type="button" data-testid="compound-choice" data-compound-id={c.id} onClick={() => navigateCompound(c.id)}>
              {nameOf(lang, c)}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
