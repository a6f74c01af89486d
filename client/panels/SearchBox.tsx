import { useMemo, useRef, useState } from 'react';
import { deviceLabel } from '../i18n/names';
import { useT } from '../i18n/useT';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { searchTwin, type SearchHit } from './search';

/** Search by building number, unit or device id/name; Enter or click flies there. */
export function SearchBox() {
  const compound = useTwinStore((s) => s.compound);
  const t = useT();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const hits = useMemo(() => (compound ? searchTwin(compound, q) : []), [compound, q]);

  const go = (h: SearchHit | undefined) => {
    if (!h) return;
    const ui = useUiStore.getState();
    if (h.kind === 'building') ui.selectBuilding(h.id);
    else if (h.kind === 'unit') {
      const b = useTwinStore.getState().index?.unitById.get(h.id)?.building;
      if (b) ui.selectBuilding(b.id);
      ui.selectUnit(h.id);
    } else ui.selectDevice(h.id);
    setOpen(false);
    setQ('');
    // hand the keyboard back to the scene, so Esc walks the breadcrumb
    inputRef.current?.blur();
  };
  const lang = useUiStore((s) => s.lang);
  const index = useTwinStore((s) => s.index);
  const hitName = (h: SearchHit) => {
    if (h.kind !== 'device') return lang === 'en' ? undefined : h.name;
    const d = index?.deviceById.get(h.id);
    return d ? deviceLabel(lang, d, index) : h.name;
  };
  const label = (h: SearchHit) =>
    h.kind === 'building' ? t('crumb.building', { n: h.buildingNumber ?? '' }) : h.kind === 'unit' ? `${t('crumb.building', { n: h.buildingNumber ?? '' })} ${t('crumb.unit', { n: h.unitNumber ?? '' })}` : h.id;

  return (
    <div className="search" onBlur={() => setTimeout(() => setOpen(false), 150)}>
      <input
        ref={inputRef}
        type="search"
        data-testid="search-input"
        value={q}
        placeholder={t('search.placeholder')}
        aria-label={t('search.placeholder')}
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, hits.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter') go(hits[active]);
          else if (e.key === 'Escape') {
            setOpen(false);
            (e.target as HTMLInputElement).blur();
          }
          e.stopPropagation();
        }}
      />
      {open && q.trim() !== '' && (
        <ul className="search-results" role="listbox" data-testid="search-results">
          {hits.length === 0 && <li className="empty">{t('search.noResults')}</li>}
          {hits.map((h, i) => (
            <li key={`${h.kind}:${h.id}`} role="option" aria-selected={i === active} className={i === active ? 'active' : ''} onMouseDown={() => go(h)}>
              <span className={`hit-kind ${h.kind}`}>{t(`search.${h.kind}`)}</span>
              <span className="hit-label">{label(h)}</span>
              {hitName(h) && <span className="hit-name">{hitName(h)}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
