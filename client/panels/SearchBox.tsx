import { useEffect, useMemo, useRef, useState } from 'react';
import { buildingTitle } from '../i18n/names';
import { deviceTypeName } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { searchIndexOf, searchTwin, type SearchHit } from './search';
import './search.css';

/**
 * Search by several words (building, unit, floor, device type or name, in Chinese, English or pinyin
 * initials); each hit reads by place and type first ("3栋 2单元 5层 · 烟感"), its id small and dim.
 * Enter or click flies there. The index is built once per compound (search.ts), not per keystroke.
 */
export function SearchBox() {
  const compound = useTwinStore((s) => s.compound);
  const index = useTwinStore((s) => s.index);
  const lang = useUiStore((s) => s.lang);
  const t = useT();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  // build the index while the console is idle, so the first keystroke does not pay for it (200k devices: ~1 s)
  useEffect(() => {
    if (!compound) return;
    const build = () => void searchIndexOf(compound);
    if (typeof window.requestIdleCallback !== 'function') {
      const id = window.setTimeout(build, 1_500);
      return () => window.clearTimeout(id);
    }
    const id = window.requestIdleCallback(build);
    return () => window.cancelIdleCallback(id);
  }, [compound]);
  const result = useMemo(() => (compound ? searchTwin(compound, q) : { hits: [], total: 0 }), [compound, q]);
  const hits = result.hits;

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
  /** The place, name first: "3栋 2单元 5层" / "Bldg 3 Unit 2 F5", or a service building's name. */
  const place = (h: SearchHit): string => {
    const b = h.buildingId ? index?.buildingById.get(h.buildingId) : undefined;
    const parts: string[] = [];
    if (b) parts.push(b.use === 'residential' || !b.name ? t('crumb.building', { n: b.number }) : buildingTitle(lang, b));
    if (h.unitNumber !== undefined) parts.push(t('crumb.unit', { n: h.unitNumber }));
    if (h.kind === 'device' && h.floor !== undefined && h.floor > 0) parts.push(t('search.floor', { n: h.floor }));
    return parts.join(' ');
  };
  const label = (h: SearchHit): string => {
    if (h.kind !== 'device') return place(h) || h.id;
    const type = h.type ? deviceTypeName(lang, h.type) : '';
    const where = place(h);
    return where ? `${where} · ${type}` : type || h.id;
  };
  /** Under the label: the device's own name (Chinese files only), then its id, dim. */
  const detail = (h: SearchHit): string => {
    if (h.kind === 'building') return lang === 'en' ? h.id : [h.name && h.name !== label(h) ? h.name : null, h.id].filter(Boolean).join(' · ');
    if (h.kind === 'device' && lang !== 'en' && h.name) return `${h.name} · ${h.id}`;
    return h.id;
  };

  return (
    <div className="search" onBlur={() => setTimeout(() => setOpen(false), 150)}>
      <input
        ref={inputRef}
        type="search"
        data-testid="search-input"
        value={q}
        placeholder={t('search.placeholder')}
        aria-label={t('search.placeholder')}
        title={t('search.hint')}
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
        <ul className="search-results" role="listbox" data-testid="search-results" data-total={result.total}>
          {hits.length === 0 && <li className="empty">{t('search.noResults')}</li>}
          {hits.map((h, i) => (
            <li
              key={`${h.kind}:${h.id}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              data-testid="search-hit"
              data-kind={h.kind}
              data-id={h.id}
              onMouseDown={() => go(h)}
            >
              <span className={`hit-kind ${h.kind}`}>{t(`search.${h.kind}`)}</span>
              <span className="hit-label">{label(h)}</span>
              <span className="hit-id">{detail(h)}</span>
            </li>
          ))}
          {result.total > hits.length && (
            <li className="search-note">{t('search.more', { n: new Intl.NumberFormat(lang).format(result.total - hits.length) })}</li>
          )}
          {hits.length === 0 && <li className="search-note">{t('search.hint')}</li>}
        </ul>
      )}
    </div>
  );
}
