import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { Compound } from '../../models/compound';
import { localToLatLon, type LatLon } from '../../models/geo';
import { IMPORT_CRS_CHOICES, IMPORT_PROFILE_CHOICES, type ImportEdits } from '../../models/geojsonImport';
import { formatNumber } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { ApiError } from '../live/api';
import { SceneCanvas } from '../scene/SceneCanvas';
import { useOpsStore } from '../stores/useOpsStore';
import { useTwinStore } from '../stores/useTwinStore';
import { EMPTY_SELECTION, useUiStore } from '../stores/useUiStore';
import { BuildingEdits } from './BuildingEdits';
import { applyEdits, importApi, type ImportBody, type ImportFormOptions, type ImportOutcome } from './importApi';
import { ImportReportView } from './ImportReportView';
import { RedLineDrawer } from './RedLineDrawer';
import { idFromFileName, parseGeojsonText, type ReadFile } from './readGeojson';

type Phase = { kind: 'idle' } | { kind: 'busy'; what: 'preview' | 'save' } | { kind: 'error'; message: string } | { kind: 'saved'; outcome: ImportOutcome };

const TEXT_FIELDS = ['id', 'name', 'nameEn', 'city', 'province', 'district', 'heightField', 'levelsField', 'nameField', 'useField'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

const initialForm = (): Record<TextField, string> & { profile: string; crs: string; allPolygons: boolean; devices: boolean } => ({
  id: '',
  name: '',
  nameEn: '',
  city: '',
  province: '',
  district: '',
  heightField: '',
  levelsField: '',
  nameField: '',
  useField: '',
  profile: 'auto',
  crs: 'auto',
  allPolygons: false,
  devices: true,
});

const sizeText = (bytes: number) => (bytes > 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`);

/** Shows a preview compound in the shared scene (no live feed: nothing is stored yet). */
function showPreview(c: Compound | null): void {
  useOpsStore.getState().reset();
  useUiStore.setState({ selection: EMPTY_SELECTION, hover: null, explode: false, translucent: false });
  if (c) useTwinStore.getState().setCompound(c);
}

export function ImportScreen() {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const [form, setForm] = useState(initialForm);
  const [footprints, setFootprints] = useState<ReadFile | null>(null);
  const [context, setContext] = useState<ReadFile | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [edits, setEdits] = useState<ImportEdits['buildings']>({});
  const [replace, setReplace] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);
  // the red line drawn on the preview (WGS84 corners); sent once finished (3 corners or more)
  const [redLine, setRedLine] = useState<LatLon[]>([]);
  const [drawing, setDrawing] = useState(false);
  const redLineReady = !drawing && redLine.length >= 3;
  const origin = outcome?.preview?.origin;
  const addCorner = useCallback((p: [number, number]) => origin && setRedLine((r) => [...r, localToLatLon(origin, p)]), [origin]);
  const inFlight = useRef<AbortController | null>(null);
  const editCount = Object.keys(edits).length;

  // The 3D preview follows the last dry run with the corrections applied on top.
  const shown = useMemo(() => (outcome?.preview ? applyEdits(outcome.preview, edits) : null), [outcome, edits]);
  useEffect(() => showPreview(shown), [shown]);
  useEffect(() => () => inFlight.current?.abort(), []);

  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));

  const readFile = async (file: File, which: 'footprints' | 'context') => {
    try {
      const r = parseGeojsonText(file.name, await file.text());
      if (which === 'context') return setContext(r);
      setFootprints(r);
      setOutcome(null);
      setEdits({});
      setRedLine([]);
      setDrawing(false);
      setPhase({ kind: 'idle' });
      const base = file.name.replace(/\.[^.]+$/, '');
      setForm((f) => ({ ...f, id: f.id || idFromFileName(file.name) || 'imported-site', name: f.name || base.slice(0, 64) }));
    } catch (err) {
      setPhase({ kind: 'error', message: t('import.readFailed', { error: err instanceof Error ? err.message : String(err) }) });
    }
  };

  const options = (): ImportFormOptions => {
    const o: ImportFormOptions = { devices: form.devices };
    for (const k of TEXT_FIELDS) if (form[k].trim()) o[k] = form[k];
    if (form.profile !== 'auto') o.profile = form.profile;
    if (form.crs !== 'auto') o.crs = form.crs;
    if (form.allPolygons) o.allPolygons = true;
    return o;
  };
  // What decides which buildings there are and how they are numbered (b1, b2…): the files, the red line,
  // the profile and the mapping. Corrections are keyed by those numbers, so they hold only for a preview
  // made on the same basis; a save is of what was previewed.
  const basis = JSON.stringify([
    footprints?.name,
    footprints?.bytes,
    context?.name,
    context?.bytes,
    redLineReady ? redLine : null,
    form.profile,
    form.crs,
    form.heightField,
    form.levelsField,
    form.nameField,
    form.useField,
    form.allPolygons,
  ]);
  const [previewBasis, setPreviewBasis] = useState<string | null>(null);
  const body = (withEdits: boolean): ImportBody | null =>
    footprints
      ? {
          footprints: footprints.doc,
          ...(context ? { context: context.doc } : {}),
          ...(editCount && withEdits ? { edits: { buildings: edits } } : {}),
          ...(redLineReady ? { redLine: redLine.map((p): [number, number] => [p.lon, p.lat]), redLineCrs: 'wgs84' as const } : {}),
        }
      : null;

  const failed = (err: unknown) => {
    if (err instanceof DOMException && err.name === 'AbortError') return;
    setPhase({ kind: 'error', message: t('import.failed', { error: err instanceof Error ? err.message : String(err) }) });
  };

  const preview = async () => {
    const sameBasis = basis === previewBasis;
    const b = body(sameBasis);
    if (!b) return setPhase({ kind: 'error', message: t('import.needFile') });
    inFlight.current?.abort();
    const ctrl = (inFlight.current = new AbortController());
    setPhase({ kind: 'busy', what: 'preview' });
    try {
      const out = await importApi.preview(options(), b, ctrl.signal);
      // The new dry run already carries the corrections; on a new basis the buildings are numbered anew and old corrections are dropped.
      if (!sameBasis) setEdits({});
      setPreviewBasis(basis);
      setOutcome(out);
      setPhase({ kind: 'idle' });
    } catch (err) {
      failed(err);
    }
  };

  const save = async () => {
    if (basis !== previewBasis) return setPhase({ kind: 'error', message: t('import.previewFirst') });
    const b = body(true);
    if (!b) return setPhase({ kind: 'error', message: t('import.needFile') });
    setPhase({ kind: 'busy', what: 'save' });
    try {
      setPhase({ kind: 'saved', outcome: await importApi.save(options(), b, replace) });
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && /already exists/.test(err.message)) setReplace(false);
      failed(err);
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const f = e.dataTransfer.files[0];
    if (f) void readFile(f, 'footprints');
  };

  const busy = phase.kind === 'busy';
  const report = outcome?.report;
  const guess = (kind: 'profile' | 'crs', value: string) =>
    value === 'auto' ? (report ? t('import.autoGuess', { value: kind === 'profile' ? report.profile : report.crs }) : t('import.auto')) : value;

  return (
    <main className="import-main">
      <section className="import-col import-form" aria-label={t('import.step.file')}>
        <h2>{t('import.step.file')}</h2>
        <label
          className={`import-drop ${dragging ? 'over' : ''} ${footprints ? 'has-file' : ''}`}
          data-testid="import-drop"
          onDragOver={(e) => (e.preventDefault(), setDragging(true))}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <input
            type="file"
            accept=".geojson,.json,.ndjson,.geojsonl,.geojsons,application/geo+json,application/json"
            data-testid="import-file"
            onChange={(e) => e.target.files?.[0] && void readFile(e.target.files[0], 'footprints')}
          />
          {footprints ? (
            <strong data-testid="import-file-info">
              {t('import.fileInfo', { name: footprints.name, n: formatNumber(lang, footprints.features), size: sizeText(footprints.bytes) })}
            </strong>
          ) : (
            <strong>{t('import.drop')}</strong>
          )}
          <small>{t('import.dropHint')}</small>
        </label>
        <div className="import-context">
          <span>{t('import.context')}</span>
          <input
            type="file"
            accept=".geojson,.json,.ndjson,.geojsonl"
            data-testid="import-context-file"
            onChange={(e) => e.target.files?.[0] && void readFile(e.target.files[0], 'context')}
          />
          {context ? (
            <small>
              {t('import.fileInfo', { name: context.name, n: formatNumber(lang, context.features), size: sizeText(context.bytes) })}{' '}
              <button type="button" className="link" onClick={() => setContext(null)}>
                {t('import.remove')}
              </button>
            </small>
          ) : (
            <small className="dim">{t('import.contextNone')}</small>
          )}
        </div>

        <h2>{t('import.step.options')}</h2>
        <div className="import-grid">
          <label>
            {t('import.id')}
            <input value={form.id} onChange={(e) => set('id', e.target.value)} data-testid="import-id" placeholder={t('import.idHint')} spellCheck={false} />
          </label>
          <label>
            {t('import.name')}
            <input value={form.name} onChange={(e) => set('name', e.target.value)} data-testid="import-name" />
          </label>
          <label>
            {t('import.nameEn')}
            <input value={form.nameEn} onChange={(e) => set('nameEn', e.target.value)} />
          </label>
          <label>
            {t('import.city')}
            <input value={form.city} onChange={(e) => set('city', e.target.value)} />
          </label>
          <label>
            {t('import.profile')}
            <select value={form.profile} onChange={(e) => set('profile', e.target.value)} data-testid="import-profile">
              {IMPORT_PROFILE_CHOICES.map((p) => (
                <option key={p} value={p}>
                  {guess('profile', p)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('import.crs')}
            <select value={form.crs} onChange={(e) => set('crs', e.target.value)} data-testid="import-crs">
              {IMPORT_CRS_CHOICES.map((c) => (
                <option key={c} value={c}>
                  {guess('crs', c)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <details className="import-advanced">
          <summary>{t('import.advanced')}</summary>
          <div className="import-grid">
            {(['heightField', 'levelsField', 'nameField', 'useField'] as const).map((k) => (
              <label key={k}>
                {t(`import.${k}`)}
                <input value={form[k]} onChange={(e) => set(k, e.target.value)} data-testid={`import-${k}`} spellCheck={false} />
              </label>
            ))}
          </div>
          <label className="import-check">
            <input type="checkbox" checked={form.allPolygons} onChange={(e) => set('allPolygons', e.target.checked)} data-testid="import-all-polygons" />
            {t('import.allPolygons')}
          </label>
        </details>
        <label className="import-check">
          <input type="checkbox" checked={form.devices} onChange={(e) => set('devices', e.target.checked)} />
          {t('import.devices')}
        </label>
        <div className="import-actions">
          <button type="button" onClick={() => void preview()} disabled={busy || !footprints} data-testid="import-preview">
            {editCount && outcome ? t('import.previewAgain') : t('import.preview')}
          </button>
          <button type="button" className="primary" onClick={() => void save()} disabled={busy || !outcome} data-testid="import-save">
            {phase.kind === 'busy' && phase.what === 'save' ? t('import.saving') : t('import.save')}
          </button>
        </div>
        <label className="import-check">
          <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} data-testid="import-replace" />
          {t('import.replace')}
        </label>
        {phase.kind === 'busy' && phase.what === 'preview' && (
          <p className="dim" role="status">
            {t('import.previewing')}
          </p>
        )}
        {phase.kind === 'error' && (
          <p className="import-error" role="alert" data-testid="import-error">
            {phase.message}
          </p>
        )}
        {phase.kind === 'saved' && (
          <p className="import-saved" role="status" data-testid="import-saved">
            {t('import.saved', { name: phase.outcome.compound.name, buildings: phase.outcome.compound.buildings, devices: phase.outcome.compound.devices })}{' '}
            <a href={phase.outcome.links.console} data-testid="import-open">
              {t('import.open')}
            </a>
          </p>
        )}
        {report && <ImportReportView report={report} />}
      </section>

      <section className="import-col import-preview" aria-label={t('import.step.preview')}>
        <h2>{t('import.step.preview')}</h2>
        {shown && (
          <div className="import-redline" data-testid="import-redline">
            {drawing ? (
              <>
                <span className="warn">{t('import.redLineHint')}</span>
                <button type="button" onClick={() => setDrawing(false)} disabled={redLine.length < 3} data-testid="import-redline-finish">
                  {t('import.redLineFinish', { n: redLine.length })}
                </button>
              </>
            ) : (
              <button type="button" onClick={() => (setRedLine([]), setDrawing(true))} data-testid="import-redline-draw">
                {t('import.redLineDraw')}
              </button>
            )}
            {redLine.length > 0 && (
              <button type="button" onClick={() => (setRedLine([]), setDrawing(false))} data-testid="import-redline-clear">
                {t('import.redLineClear')}
              </button>
            )}
            {redLineReady && <span className="dim">{t('import.redLineSet', { n: redLine.length })}</span>}
          </div>
        )}
        <div className={`import-3d ${drawing ? 'drawing' : ''}`} data-testid="import-3d">
          {shown && (
            <SceneCanvas>
              <RedLineDrawer points={redLine} drawing={drawing} onAdd={addCorner} />
            </SceneCanvas>
          )}
        </div>
        {shown && (
          <BuildingEdits
            buildings={shown.buildings}
            edits={edits}
            pendingCount={editCount}
            onEdit={(id, patch) => setEdits((all) => ({ ...all, [id]: { ...all[id], ...patch } }))}
          />
        )}
      </section>
    </main>
  );
}
