import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import {
  CN_MOBILE_RE,
  MAX_RATING_COMMENT,
  MAX_REPAIR_ROOM,
  REPAIR_CATEGORIES,
  REPAIR_DESCRIPTION,
  type RepairCategory,
  type RepairPlaces,
  type RepairRequestStatus,
} from '../../models/repair';
import { fetchPlaces, fetchStatus, newToken, rateRepair, RepairApiError, saveRequest, savedRequests, submitRepair } from './api';
import { resizePhoto } from './photo';
import { categoryLabel, repairT, statusLabel, type RepairLang, type RT } from './repairText';
import './repair.css';

const POLL_MS = 5_000;
// The officers' printable QR sheet (reached from the console's building panel): loaded only when asked for.
const QrSheet = lazy(() => import('./QrSheet').then((m) => ({ default: m.QrSheet })));
const LANG_KEY = 'repair.lang';

const tokenFromHash = (): string | null => /^#r=([A-Za-z0-9_-]{43})$/.exec(window.location.hash)?.[1] ?? null;

function initialLang(): RepairLang {
  const q = new URLSearchParams(window.location.search).get('lang');
  if (q === 'en' || q === 'zh') return q;
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

/** The residents' repair page (`/repair`): phone-sized, zh by default, no sign-in. `#r=<token>` shows a request's status. */
export function RepairMode() {
  const [lang, setLang] = useState<RepairLang>(initialLang);
  const [token, setToken] = useState<string | null>(tokenFromHash);
  const t = useMemo(() => repairT(lang), [lang]);
  useEffect(() => {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    document.title = t('title');
  }, [lang, t]);
  useEffect(() => {
    const on = () => setToken(tokenFromHash());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  const switchLang = () => {
    const next = lang === 'zh' ? 'en' : 'zh';
    setLang(next);
    try {
      localStorage.setItem(LANG_KEY, next);
    } catch {
      // private mode: the choice lasts for this page
    }
  };
  const query = new URLSearchParams(window.location.search);
  const sheet = query.get('sheet');
  if (sheet && query.get('compound'))
    return (
      <div className="repair-page">
        <Suspense fallback={null}>
          <QrSheet compound={query.get('compound')!} buildingId={sheet} lang={lang} />
        </Suspense>
      </div>
    );
  const open = (tok: string | null) => {
    window.location.hash = tok ? `r=${tok}` : '';
    setToken(tok);
  };
  return (
    <div className="repair-page" data-testid="repair-page" lang={lang === 'en' ? 'en' : 'zh-CN'}>
      <header className="rp-head">
        <h1>{token ? t('statusTitle') : t('title')}</h1>
        <button type="button" className="rp-lang" data-testid="repair-lang" onClick={switchLang}>
          {t('lang')}
        </button>
      </header>
      {token ? <StatusView token={token} lang={lang} t={t} onNew={() => open(null)} /> : <RequestForm lang={lang} t={t} onSent={open} />}
    </div>
  );
}

function RequestForm({ lang, t, onSent }: { lang: RepairLang; t: RT; onSent: (token: string) => void }) {
  const params = useMemo(() => new URLSearchParams(window.location.search), []);
  const compound = params.get('compound');
  const qrBuilding = params.get('building');
  const qrUnit = params.get('unit');
  const [places, setPlaces] = useState<RepairPlaces | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [buildingId, setBuildingId] = useState('');
  const [unitId, setUnitId] = useState('');
  const [locked, setLocked] = useState(false);
  const [room, setRoom] = useState('');
  const [category, setCategory] = useState<RepairCategory | ''>('');
  const [description, setDescription] = useState('');
  const [phone, setPhone] = useState('');
  const [photo, setPhoto] = useState<{ data: string; preview: string; bytes: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mine = useMemo(() => savedRequests(), []);
  // one token per submission: a retry (lost answer, second tap) sends the same and gets the same request back
  const [token] = useState(newToken);

  useEffect(() => {
    if (!compound) return;
    let live = true;
    fetchPlaces(compound).then(
      (p) => {
        if (!live) return;
        setPlaces(p);
        const b = p.buildings.find((x) => x.id === qrBuilding);
        const u = b?.units.find((x) => x.id === qrUnit);
        if (b) setBuildingId(b.id);
        if (b && u) {
          setUnitId(u.id);
          setLocked(true);
        }
      },
      (e: unknown) => live && setLoadError(e instanceof RepairApiError ? e.message : t('errNetwork')),
    );
    return () => {
      live = false;
    };
    // the places load once per page; the texts may change language meanwhile
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [compound, qrBuilding, qrUnit]);

  const building = places?.buildings.find((b) => b.id === buildingId);
  const pickPhoto = async (file: File | undefined) => {
    setError(null);
    if (!file) return setPhoto(null);
    try {
      const p = await resizePhoto(file);
      setPhoto({ data: p.data, preview: `data:image/jpeg;base64,${p.data}`, bytes: p.bytes });
    } catch {
      setPhoto(null);
      setError(t('errPhoto'));
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!places || !buildingId || !unitId) return setError(t('errPlace'));
    const desc = description.trim();
    if (desc.length < REPAIR_DESCRIPTION.min || desc.length > REPAIR_DESCRIPTION.max) return setError(t('errDescription'));
    if (!CN_MOBILE_RE.test(phone.trim())) return setError(t('errPhone'));
    if (!category) return setError(t('errCategory'));
    setBusy(true);
    setError(null);
    try {
      const r = await submitRepair({
        compoundId: places.compoundId,
        buildingId,
        unitId,
        ...(room.trim() ? { room: room.trim() } : {}),
        category,
        description: desc,
        phone: phone.trim(),
        ...(photo ? { photo: { contentType: 'image/jpeg' as const, data: photo.data } } : {}),
        token,
      });
      saveRequest({ token: r.token, id: r.id, at: Date.now() });
      onSent(r.token);
    } catch (err) {
      if (err instanceof RepairApiError && err.status === 429) setError(t('errLimit', { m: Math.ceil((err.retryAfterS ?? 60) / 60) }));
      else setError(err instanceof RepairApiError ? err.message : t('errNetwork'));
    } finally {
      setBusy(false);
    }
  };

  if (!compound) return <p className="rp-note">{t('scan')}</p>;
  if (loadError) return <p className="rp-error">{loadError}</p>;
  if (!places) return <p className="rp-note">…</p>;
  return (
    <form className="rp-form" onSubmit={(e) => void submit(e)} noValidate data-testid="repair-form">
      <p className="rp-compound">{lang === 'en' && places.nameEn ? places.nameEn : places.name}</p>
      <div className="rp-row">
        <label>
          {t('building')}
          <select data-testid="repair-building" value={buildingId} disabled={locked} onChange={(e) => (setBuildingId(e.target.value), setUnitId(''))}>
            <option value="">{t('pick')}</option>
            {places.buildings.map((b) => (
              <option key={b.id} value={b.id}>
                {t('bBuilding', { n: b.number })}
                {b.name ? ` · ${b.name}` : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('unit')}
          <select data-testid="repair-unit" value={unitId} disabled={locked || !building} onChange={(e) => setUnitId(e.target.value)}>
            <option value="">{t('pick')}</option>
            {building?.units.map((u) => (
              <option key={u.id} value={u.id}>
                {t('bUnit', { n: u.number })}
              </option>
            ))}
          </select>
        </label>
      </div>
      {locked && <p className="rp-hint">{t('locked')}</p>}
      <label>
        {t('room')}
        <input data-testid="repair-room" value={room} maxLength={MAX_REPAIR_ROOM} placeholder={t('roomPh')} onChange={(e) => setRoom(e.target.value)} />
      </label>
      <fieldset className="rp-cats">
        <legend>{t('category')}</legend>
        {REPAIR_CATEGORIES.map((c) => (
          <button
            key={c}
            type="button"
            data-testid={`repair-cat-${c}`}
            aria-pressed={category === c}
            className={category === c ? 'on' : ''}
            onClick={() => setCategory(c)}
          >
            {categoryLabel(lang, c)}
          </button>
        ))}
      </fieldset>
      <label>
        {t('description')}
        <textarea
          data-testid="repair-description"
          rows={4}
          value={description}
          maxLength={REPAIR_DESCRIPTION.max}
          placeholder={t('descriptionPh')}
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      <div className="rp-photo">
        <span>{t('photo')}</span>
        {photo ? (
          <div className="rp-preview">
            <img src={photo.preview} alt="" data-testid="repair-photo-preview" />
            <button type="button" onClick={() => setPhoto(null)}>
              {t('photoRemove')}
            </button>
          </div>
        ) : (
          <label className="rp-photo-add">
            {t('photoAdd')}
            <input data-testid="repair-photo" type="file" accept="image/*" capture="environment" onChange={(e) => void pickPhoto(e.target.files?.[0])} />
          </label>
        )}
      </div>
      <label>
        {t('phone')}
        <input
          data-testid="repair-phone"
          type="tel"
          inputMode="numeric"
          autoComplete="tel"
          maxLength={11}
          value={phone}
          placeholder={t('phonePh')}
          onChange={(e) => setPhone(e.target.value.replace(/\D/g, ''))}
        />
      </label>
      <p className="rp-hint">{t('privacy')}</p>
      {error && (
        <p className="rp-error" role="alert" data-testid="repair-error">
          {error}
        </p>
      )}
      <button type="submit" className="rp-submit" data-testid="repair-submit" disabled={busy}>
        {busy ? t('sending') : t('submit')}
      </button>
      {mine.length > 0 && (
        <section className="rp-mine">
          <h2>{t('mine')}</h2>
          <ul>
            {mine.map((m) => (
              <li key={m.token}>
                <a href={`#r=${m.token}`}>
                  {t('number', { id: m.id })} · {new Date(m.at).toLocaleDateString(lang === 'en' ? 'en-GB' : 'zh-CN')}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </form>
  );
}

function StatusView({ token, lang, t, onNew }: { token: string; lang: RepairLang; t: RT; onNew: () => void }) {
  const [st, setSt] = useState<RepairRequestStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    () =>
      fetchStatus(token).then(
        (s) => (setSt(s), setError(null)),
        (e: unknown) => setError(e instanceof RepairApiError && e.status === 404 ? 'notFound' : 'errNetwork'),
      ),
    [token],
  );
  useEffect(() => {
    void load();
    const id = window.setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, POLL_MS);
    return () => window.clearInterval(id);
  }, [load]);

  const fmt = (at: number) => new Date(at).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'short', timeStyle: 'short' });
  if (error === 'notFound')
    return (
      <div className="rp-status">
        <p className="rp-error">{t('notFound')}</p>
        <button type="button" className="rp-submit" onClick={onNew}>
          {t('newRequest')}
        </button>
      </div>
    );
  if (!st) return <p className="rp-note">{error ? t('errNetwork') : '…'}</p>;
  return (
    <div className="rp-status" data-testid="repair-status" data-status={st.status}>
      <p className="rp-badge" data-testid="repair-status-label">
        {statusLabel(lang, st.status)}
      </p>
      <dl>
        <dt>{t('number', { id: st.id })}</dt>
        <dd>
          {st.compoundName} · {t('bBuilding', { n: st.buildingNumber })}
          {t('bUnit', { n: st.unitNumber })}
          {st.room ? ` · ${st.room}` : ''}
        </dd>
        <dt>{categoryLabel(lang, st.category)}</dt>
        <dd className="rp-desc">{st.description}</dd>
      </dl>
      <ol className="rp-timeline">
        {st.timeline.map((s) => (
          <li key={`${s.status}-${s.at}`}>
            <span>{statusLabel(lang, s.status)}</span> <time>{fmt(s.at)}</time>
          </li>
        ))}
      </ol>
      {st.mayRate && <RateForm token={token} t={t} onRated={setSt} />}
      {st.rating !== null && (
        <p className="rp-rated" data-testid="repair-rated">
          {t('rated')} · {'★'.repeat(st.rating)}
          {'☆'.repeat(5 - st.rating)}
        </p>
      )}
      {error && <p className="rp-error">{t('errNetwork')}</p>}
      <p className="rp-hint">
        {t('keep')} {t('refreshing')}
      </p>
      <button type="button" className="rp-secondary" onClick={onNew}>
        {t('newRequest')}
      </button>
    </div>
  );
}

function RateForm({ token, t, onRated }: { token: string; t: RT; onRated: (s: RepairRequestStatus) => void }) {
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async () => {
    if (!stars) return;
    setBusy(true);
    try {
      onRated(await rateRepair(token, stars, comment.trim() || undefined));
    } catch (e) {
      setError(e instanceof RepairApiError ? e.message : t('errNetwork'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="rp-rate" data-testid="repair-rate">
      <h2>{t('rateTitle')}</h2>
      <p className="rp-hint">{t('rateHint')}</p>
      <div className="rp-stars" role="radiogroup" aria-label={t('rateTitle')}>
        {[1, 2, 3, 4, 5].map((n) => (
          <button
            key={n}
            type="button"
            role="radio"
            aria-checked={stars === n}
            aria-label={t('stars', { n })}
            data-testid={`repair-star-${n}`}
            className={n <= stars ? 'on' : ''}
            onClick={() => setStars(n)}
          >
            ★
          </button>
        ))}
      </div>
      <textarea rows={2} maxLength={MAX_RATING_COMMENT} placeholder={t('rateComment')} value={comment} onChange={(e) => setComment(e.target.value)} />
      {error && <p className="rp-error">{error}</p>}
      <button type="button" className="rp-submit" data-testid="repair-rate-submit" disabled={!stars || busy} onClick={() => void send()}>
        {t('rateSubmit')}
      </button>
    </section>
  );
}
