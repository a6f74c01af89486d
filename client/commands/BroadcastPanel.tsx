import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useStore } from 'zustand';
import { isOpenAlarm } from '../../models/alarmState';
import {
  COMMAND_LIMITS,
  MESSAGE_TEMPLATES,
  NOTICE_LEVELS,
  type AudioPreset,
  type Broadcast,
  type BroadcastChannel,
  type BroadcastDetail,
  type BroadcastCreate,
  type CommandState,
  type MessageTemplate,
  type NoticeLevel,
} from '../../models/commands';
import { deviceLabel } from '../i18n/names';
import { ApiError } from '../live/api';
import { formatReplayTime } from '../overlays/replayTime';
import { ConfirmDialog } from '../panels/ConfirmDialog';
import { liveStore } from '../stores/liveStore';
import { useOpsStore } from '../stores/useOpsStore';
import { useOverlayStore } from '../stores/useOverlayStore';
import { useReplayStore } from '../stores/useReplayStore';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { commandApi, newRequestId } from './commandApi';
import { failureText, useCT, type CommandT } from './commandText';
import { draftPlace, MAX_DEVICES, previewDevices } from './placeDraft';
import { cssHex, deliveryCounts, STATE_COLOURS, useCommandStore, type PlaceMode } from './useCommandStore';
import './commands.css';

const MODES: PlaceMode[] = ['buildings', 'polygon', 'near'];
const CHANNELS: BroadcastChannel[] = ['speaker', 'screen'];
const BAR_STATES: CommandState[] = ['acknowledged', 'sent', 'queued', 'failed', 'expired'];

const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** "广播与发布 / Broadcast": choose a place on the model, the channels and the message; send; watch delivery. */
export default function BroadcastPanel() {
  const t = useCT();
  const current = useCommandStore((s) => s.current);
  const compoundId = useTwinStore((s) => s.compound?.id ?? null);
  const replaying = useReplayStore((s) => s.active);
  const [recent, setRecent] = useState<Broadcast[]>([]);
  const [recentRev, setRecentRev] = useState(0);
  const refreshRecent = useCallback(() => setRecentRev((r) => r + 1), []);
  useEffect(() => {
    if (!compoundId) return;
    let live = true;
    commandApi.recent(compoundId).then(
      (r) => live && setRecent(r.broadcasts),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [compoundId, recentRev]);
  // a broadcast's counts move with its deltas: the list is asked again when the shown one changes state
  const rev = useCommandStore((s) => s.rev);
  useEffect(() => {
    const h = setTimeout(refreshRecent, 1500);
    return () => clearTimeout(h);
  }, [rev, refreshRecent]);
  // Esc: ends a lasso being drawn, else closes the tool, before the console's Esc walks the selection back
  // (capture phase on window runs first; an open confirm dialog and typing keep their own Esc)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || document.querySelector('[data-testid="confirm-dialog"]')) return;
      const cmd = useCommandStore.getState();
      if (cmd.draft.drawing) {
        e.stopPropagation();
        cmd.setDraft({ drawing: false });
        return;
      }
      const el = e.target as HTMLElement | null;
      if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT')) return;
      e.stopPropagation();
      useOverlayStore.getState().setBroadcast(false);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  // portalled to <body>: above the device and building panels (the toolbar's dock is its own stacking context)
  return createPortal(
    <aside className="panel bc-panel" data-testid="broadcast-panel" data-inset="right">
      <header className="panel-head">
        <div>
          <h2>{t('bc.title')}</h2>
          <span className="sub">{t('bc.sub')}</span>
        </div>
        <button type="button" className="close" aria-label={t('bc.close')} onClick={() => useOverlayStore.getState().setBroadcast(false)}>
          ×
        </button>
      </header>
      <div className="panel-body scroll">
        {current ? <Delivery t={t} disabled={replaying} onChanged={refreshRecent} /> : <Draft t={t} disabled={replaying} onSent={refreshRecent} />}
        <h3>{t('bc.recent')}</h3>
        {recent.length === 0 ? (
          <div className="empty">{t('bc.noRecent')}</div>
        ) : (
          <ul className="bc-recent" data-testid="broadcast-recent">
            {recent.map((b) => (
              <RecentItem key={b.id} b={b} t={t} active={current?.id === b.id} />
            ))}
          </ul>
        )}
      </div>
    </aside>,
    document.body,
  );
}

function RecentItem({ b, t, active }: { b: Broadcast; t: CommandT; active: boolean }) {
  const lang = useUiStore((s) => s.lang);
  const zone = useTwinStore((s) => s.compound?.timeZone);
  const title = lang === 'en' && b.message.title.en ? b.message.title.en : b.message.title.zh;
  const c = b.counts;
  return (
    <li className={active ? 'on' : ''}>
      <button
        type="button"
        data-testid="broadcast-recent-item"
        data-id={b.id}
        onClick={() =>
          commandApi.broadcast(b.id).then(
            (d) => useCommandStore.getState().show(d),
            () => undefined,
          )
        }
      >
        <span className={`bc-lvl lvl-${b.level}`}>{b.kind === 'stop' ? t('bc.stopKind') : t(`bc.level.${b.level}`)}</span>
        <span className="bc-recent-title">{title}</span>
        <span className="dim mono">
          {c.acknowledged}/{c.total}
        </span>
        <span className="dim mono">{formatReplayTime(b.at, zone, false)}</span>
      </button>
    </li>
  );
}

function Draft({ t, disabled, onSent }: { t: CommandT; disabled: boolean; onSent: () => void }) {
  const lang = useUiStore((s) => s.lang);
  const doc = useTwinStore((s) => s.compound);
  const index = useTwinStore((s) => s.index);
  const draft = useCommandStore((s) => s.draft);
  const channels = useCommandStore((s) => s.channels);
  const alarmsAll = useOpsStore((s) => s.alarms);
  const selectedDevice = useUiStore((s) => s.selection.deviceId);
  const alarms = useMemo(() => alarmsAll.filter(isOpenAlarm), [alarmsAll]);
  const [templates, setTemplates] = useState<readonly MessageTemplate[]>(MESSAGE_TEMPLATES);
  const [templateId, setTemplateId] = useState<string>('');
  const [level, setLevel] = useState<NoticeLevel>('info');
  const [preset, setPreset] = useState<AudioPreset>('chime_tts');
  const [title, setTitle] = useState({ zh: '', en: '' });
  const [text, setText] = useState({ zh: '', en: '' });
  const [at, setAt] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);
  const requestId = useRef(newRequestId());
  const uid = useId();
  const fid = (k: string) => `${uid}-${k}`;

  useEffect(() => {
    commandApi.templates().then(
      (r) => r.templates.length && setTemplates(r.templates),
      () => undefined,
    );
  }, []);
  // near an alarm: the selected device's open alarm, else the newest open one
  useEffect(() => {
    if (draft.mode !== 'near' || (draft.alarmId !== null && alarms.some((a) => a.id === draft.alarmId))) return;
    const pick = alarms.find((a) => a.deviceId === selectedDevice) ?? alarms[0];
    useCommandStore.getState().setDraft({ alarmId: pick?.id ?? null });
  }, [draft.mode, draft.alarmId, alarms, selectedDevice]);

  const chosen = CHANNELS.filter((c) => channels[c]);
  const place = useMemo(() => draftPlace(draft), [draft]);
  const devices = useMemo(() => (doc ? previewDevices(doc, place, chosen, alarms) : []), [doc, place, chosen.join(), alarms]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    useCommandStore.getState().setPreview(devices.map((d) => d.id));
    return () => useCommandStore.getState().setPreview([]);
  }, [devices]);
  // counted again when the preview or a device's status changes, not on every reading
  const statusRev = useStore(liveStore, (s) => s.statusRev);
  const offline = useMemo(() => {
    const live = liveStore.getState().devices;
    return devices.reduce((n, d) => n + (live.get(d.id)?.status === 'offline' ? 1 : 0), 0);
  }, [devices, statusRev]); // eslint-disable-line react-hooks/exhaustive-deps
  const speakers = devices.filter((d) => d.type === 'broadcast_speaker').length;
  const screens = devices.length - speakers;

  const applyTemplate = (id: string) => {
    setTemplateId(id);
    const tp = templates.find((x) => x.id === id);
    if (!tp) return;
    setLevel(tp.level);
    setPreset(tp.audioPreset);
    setTitle({ zh: tp.title.zh, en: tp.title.en ?? '' });
    setText({ zh: tp.text.zh, en: tp.text.en ?? '' });
    for (const c of CHANNELS) useCommandStore.getState().setChannel(c, tp.channels.includes(c));
  };
  // any edit is a new request; a repeated click on the same one is not
  useEffect(() => {
    requestId.current = newRequestId();
  }, [place, channels, title, text, level, at, templateId]);

  const ready = !!place && chosen.length > 0 && devices.length > 0 && devices.length <= MAX_DEVICES && title.zh.trim() !== '' && text.zh.trim() !== '';
  const send = async () => {
    if (!doc || !place) return;
    setConfirm(false);
    setBusy(true);
    setError(null);
    const body: BroadcastCreate = {
      place,
      channels: chosen,
      ...(templateId ? { templateId } : {}),
      level,
      message: {
        title: { zh: title.zh.trim(), ...(title.en.trim() ? { en: title.en.trim() } : {}) },
        text: { zh: text.zh.trim(), ...(text.en.trim() ? { en: text.en.trim() } : {}) },
      },
      audio: { preset, volumeDb: level === 'emergency' ? 95 : 85, repeat: 3 },
      ...(at ? { at: new Date(at).getTime() } : {}),
      requestId: requestId.current,
    };
    try {
      const detail = await commandApi.send(doc.id, body);
      useCommandStore.getState().show(detail);
      requestId.current = newRequestId();
      onSent();
    } catch (e) {
      setError(errText(e));
    } finally {
      setBusy(false);
    }
  };

  const b = draft.buildingIds.length === 1 && index ? index.buildingById.get(draft.buildingIds[0]) : undefined;
  const maxFloor = draft.buildingIds.reduce((m, id) => Math.max(m, index?.buildingById.get(id)?.floors ?? 0), 1);
  return (
    <div className="bc-draft" data-testid="broadcast-draft">
      <h3>{t('bc.place')}</h3>
      <div className="seg bc-modes" role="tablist">
        {MODES.map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={draft.mode === m}
            className={draft.mode === m ? 'on' : ''}
            data-testid={`bc-mode-${m}`}
            onClick={() => useCommandStore.getState().setDraft({ mode: m, drawing: m === 'polygon' && draft.ring.length < 3 })}
          >
            {t(`bc.mode.${m}`)}
          </button>
        ))}
      </div>
      {draft.mode === 'buildings' && (
        <div className="bc-place">
          <p className="dim">{t('bc.buildingsHint')}</p>
          {draft.buildingIds.length === 0 ? (
            <div className="empty">{t('bc.noBuildings')}</div>
          ) : (
            <div className="bc-chips" data-testid="bc-buildings">
              {draft.buildingIds.map((id) => {
                const bb = index?.buildingById.get(id);
                return (
                  <button key={id} type="button" className="bc-chip" onClick={() => useCommandStore.getState().toggleBuilding(id)}>
                    {bb ? t('bc.bldg', { n: bb.number }) : id} ×
                  </button>
                );
              })}
            </div>
          )}
          {b && b.units.length > 1 && (
            <>
              <span className="bc-label" id={fid('units')}>
                {t('bc.units')}
              </span>
              <div className="bc-chips" role="group" aria-labelledby={fid('units')}>
                {b.units.map((u) => (
                  <label key={u.id} className="bc-check">
                    <input
                      type="checkbox"
                      checked={draft.unitIds.includes(u.id)}
                      onChange={(e) =>
                        useCommandStore.getState().setDraft({ unitIds: e.target.checked ? [...draft.unitIds, u.id] : draft.unitIds.filter((x) => x !== u.id) })
                      }
                    />
                    {t('bc.unit', { n: u.number })}
                  </label>
                ))}
              </div>
            </>
          )}
          {draft.buildingIds.length > 0 && (
            <div className="bc-row">
              <label className="bc-check">
                <input
                  type="checkbox"
                  checked={draft.floors === null}
                  onChange={(e) => useCommandStore.getState().setDraft({ floors: e.target.checked ? null : { from: 1, to: maxFloor } })}
                />
                {t('bc.floorsAll')}
              </label>
              {draft.floors && (
                <span className="bc-floors">
                  {t('bc.floors')}
                  <input
                    type="number"
                    aria-label={t('bc.floorFrom')}
                    min={0}
                    max={maxFloor}
                    value={draft.floors.from}
                    onChange={(e) =>
                      useCommandStore.getState().setDraft({ floors: { from: +e.target.value, to: Math.max(+e.target.value, draft.floors!.to) } })
                    }
                  />
                  –
                  <input
                    type="number"
                    aria-label={t('bc.floorTo')}
                    min={0}
                    max={maxFloor}
                    value={draft.floors.to}
                    onChange={(e) =>
                      useCommandStore.getState().setDraft({ floors: { from: Math.min(+e.target.value, draft.floors!.from), to: +e.target.value } })
                    }
                  />
                </span>
              )}
            </div>
          )}
        </div>
      )}
      {draft.mode === 'polygon' && (
        <div className="bc-place">
          <p className={draft.drawing ? 'bc-hint' : 'dim'} data-testid="bc-lasso-state" data-points={draft.ring.length}>
            {draft.drawing ? t('bc.lassoHint') : draft.ring.length >= 3 ? t('bc.lassoPoints', { n: draft.ring.length }) : t('bc.lassoNone')}
          </p>
          {!draft.drawing && (
            <button
              type="button"
              className="bc-small"
              data-testid="bc-lasso-again"
              onClick={() => useCommandStore.getState().setDraft({ drawing: true, ring: [] })}
            >
              {t('bc.lassoDraw')}
            </button>
          )}
        </div>
      )}
      {draft.mode === 'near' && (
        <div className="bc-place">
          {alarms.length === 0 ? (
            <div className="empty">{t('bc.noAlarm')}</div>
          ) : (
            <>
              <label className="bc-label" htmlFor={fid('alarm')}>
                {t('bc.alarm')}
              </label>
              <select
                id={fid('alarm')}
                className="bc-input"
                data-testid="bc-alarm"
                value={draft.alarmId ?? ''}
                onChange={(e) => useCommandStore.getState().setDraft({ alarmId: +e.target.value })}
              >
                {alarms.map((a) => (
                  <option key={a.id} value={a.id}>
                    #{a.id} {lang === 'en' ? a.message.en : a.message.zh}
                  </option>
                ))}
              </select>
              <label className="bc-label" htmlFor={fid('radius')}>
                {t('bc.radius', { n: draft.radiusM })}
              </label>
              <input
                id={fid('radius')}
                type="range"
                className="bc-range"
                min={10}
                max={300}
                step={5}
                value={draft.radiusM}
                data-testid="bc-radius"
                onChange={(e) => useCommandStore.getState().setDraft({ radiusM: +e.target.value })}
              />
            </>
          )}
        </div>
      )}

      <h3>{t('bc.channels')}</h3>
      <div className="bc-row">
        {CHANNELS.map((c) => (
          <label key={c} className="bc-check">
            <input
              type="checkbox"
              data-testid={`bc-ch-${c}`}
              checked={channels[c]}
              onChange={(e) => useCommandStore.getState().setChannel(c, e.target.checked)}
            />
            <i className="bc-dot" style={{ background: c === 'speaker' ? '#ff9f43' : '#3fd0ff' }} />
            {t(`bc.ch.${c}`)}
          </label>
        ))}
      </div>

      <h3>{t('bc.message')}</h3>
      <div className="bc-grid">
        <label className="bc-label" htmlFor={fid('template')}>
          {t('bc.template')}
        </label>
        <select id={fid('template')} className="bc-input" data-testid="bc-template" value={templateId} onChange={(e) => applyTemplate(e.target.value)}>
          <option value="">{t('bc.templateNone')}</option>
          {templates.map((tp) => (
            <option key={tp.id} value={tp.id}>
              {lang === 'en' ? tp.name.en : tp.name.zh}
            </option>
          ))}
        </select>
        <span className="bc-label" id={fid('level')}>
          {t('bc.level')}
        </span>
        <div className="seg bc-levels" role="group" aria-labelledby={fid('level')}>
          {NOTICE_LEVELS.map((l) => (
            <button
              key={l}
              type="button"
              aria-pressed={level === l}
              className={`${level === l ? 'on' : ''} lvl-${l}`}
              data-testid={`bc-level-${l}`}
              onClick={() => setLevel(l)}
            >
              {t(`bc.level.${l}`)}
            </button>
          ))}
        </div>
        <label className="bc-label" htmlFor={fid('title')}>
          {t('bc.msgTitle')}
        </label>
        <input
          id={fid('title')}
          className="bc-input"
          data-testid="bc-title"
          maxLength={COMMAND_LIMITS.titleZh}
          value={title.zh}
          onChange={(e) => setTitle({ ...title, zh: e.target.value })}
        />
        <label className="bc-label" htmlFor={fid('text')}>
          {t('bc.msgText')}
        </label>
        <textarea
          id={fid('text')}
          className="bc-input"
          data-testid="bc-text"
          rows={3}
          maxLength={COMMAND_LIMITS.textZh}
          value={text.zh}
          onChange={(e) => setText({ ...text, zh: e.target.value })}
        />
        <label className="bc-label" htmlFor={fid('titleEn')}>
          {t('bc.msgTitleEn')}
        </label>
        <input
          id={fid('titleEn')}
          className="bc-input"
          maxLength={COMMAND_LIMITS.titleEn}
          value={title.en}
          onChange={(e) => setTitle({ ...title, en: e.target.value })}
        />
        <label className="bc-label" htmlFor={fid('textEn')}>
          {t('bc.msgTextEn')}
        </label>
        <textarea
          id={fid('textEn')}
          className="bc-input"
          rows={2}
          maxLength={COMMAND_LIMITS.textEn}
          value={text.en}
          onChange={(e) => setText({ ...text, en: e.target.value })}
        />
        <label className="bc-label" htmlFor={fid('at')}>
          {t('bc.schedule')}
        </label>
        <input id={fid('at')} className="bc-input" type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} title={t('bc.scheduleNow')} />
      </div>

      <h3>{t('bc.preview')}</h3>
      <div className="bc-preview" data-testid="bc-preview" data-count={devices.length} data-speakers={speakers} data-screens={screens} data-offline={offline}>
        {!place ? null : devices.length === 0 ? (
          <span className="form-error">{t('bc.none')}</span>
        ) : devices.length > MAX_DEVICES ? (
          <span className="form-error">{t('bc.tooMany', { n: MAX_DEVICES })}</span>
        ) : (
          <>
            <b>{t('bc.previewCounts', { speakers, screens })}</b>
            {offline > 0 && <span className="bc-offline">{t('bc.offlineNow', { n: offline })}</span>}
          </>
        )}
      </div>
      {error && (
        <div className="form-error" role="alert" data-testid="bc-error">
          {t('bc.error', { error })}
        </div>
      )}
      <button
        type="button"
        className={`bc-send lvl-${level}`}
        data-testid="bc-send"
        disabled={!ready || busy || disabled}
        onClick={() => (level === 'emergency' ? setConfirm(true) : void send())}
      >
        {busy ? t('bc.sending') : `${t('bc.send')} · ${devices.length}`}
      </button>
      {confirm && (
        <ConfirmDialog
          title={t('bc.confirmTitle')}
          body={t('bc.confirmBody', { n: devices.length, title: lang === 'en' && title.en.trim() ? title.en.trim() : title.zh })}
          yes={t('bc.confirmYes')}
          no={t('bc.confirmNo')}
          onYes={() => void send()}
          onNo={() => setConfirm(false)}
          focusNo
        />
      )}
    </div>
  );
}

function Delivery({ t, disabled, onChanged }: { t: CommandT; disabled: boolean; onChanged: () => void }) {
  const lang = useUiStore((s) => s.lang);
  const index = useTwinStore((s) => s.index);
  const zone = useTwinStore((s) => s.compound?.timeZone);
  const current = useCommandStore((s) => s.current)!;
  useCommandStore((s) => s.rev);
  const delivery = useCommandStore.getState().delivery;
  const counts = deliveryCounts(delivery);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const failed = [...delivery].filter(([, d]) => d.state === 'failed' || d.state === 'expired');
  const act = async (f: () => Promise<BroadcastDetail>) => {
    setBusy(true);
    setError(null);
    try {
      useCommandStore.getState().show(await f());
      onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : errText(e));
    } finally {
      setBusy(false);
    }
  };
  const title = lang === 'en' && current.message.title.en ? current.message.title.en : current.message.title.zh;
  const final = counts.acknowledged + counts.failed + counts.expired;
  return (
    <div className="bc-delivery" data-testid="broadcast-delivery" data-id={current.id}>
      <div className="bc-delivery-head">
        <span className={`bc-lvl lvl-${current.level}`}>{current.kind === 'stop' ? t('bc.stopKind') : t(`bc.level.${current.level}`)}</span>
        <b className="bc-recent-title">{title}</b>
        <span className="dim mono">#{current.id}</span>
      </div>
      {current.at > current.createdAt + 5_000 && <div className="dim">{t('bc.scheduledFor', { t: formatReplayTime(current.at, zone, false) })}</div>}
      <h3>{t('bc.delivery')}</h3>
      <div
        className="bc-bar"
        data-testid="bc-progress"
        data-total={counts.total}
        data-acknowledged={counts.acknowledged}
        data-sent={counts.sent}
        data-queued={counts.queued}
        data-failed={counts.failed}
        data-expired={counts.expired}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={counts.total}
        aria-valuenow={final}
      >
        {BAR_STATES.map((s) =>
          counts[s] > 0 ? <i key={s} style={{ width: `${(counts[s] / Math.max(1, counts.total)) * 100}%`, background: cssHex(STATE_COLOURS[s]) }} /> : null,
        )}
      </div>
      <div className="bc-legend">
        {BAR_STATES.map((s) => (
          <span key={s}>
            <i style={{ background: cssHex(STATE_COLOURS[s]) }} />
            {t(`state.${s}`)} <b className="mono">{counts[s]}</b>
          </span>
        ))}
        <span className="dim">/ {counts.total}</span>
      </div>
      {failed.length > 0 && (
        <>
          <h3>{t('bc.failedList')}</h3>
          <ul className="bc-failed" data-testid="bc-failed">
            {failed.map(([id, d]) => {
              const dev = index?.deviceById.get(id);
              return (
                <li key={id} data-device-id={id}>
                  <span className={`bc-state st-${d.state}`}>{t(`state.${d.state}`)}</span>
                  <span className="bc-failed-name">{dev ? deviceLabel(lang, dev, index) : id}</span>
                  <span className="dim bc-failed-why">{d.failure ? failureText(lang, d.failure) : ''}</span>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {error && (
        <div className="form-error" role="alert">
          {t('bc.error', { error })}
        </div>
      )}
      <div className="bc-actions">
        {current.kind === 'notice' && (
          <button
            type="button"
            data-testid="bc-retry"
            disabled={busy || disabled || failed.length === 0}
            onClick={() => void act(() => commandApi.retry(current.id))}
          >
            {t('bc.retry')}
          </button>
        )}
        {current.kind === 'notice' && (
          <button
            type="button"
            className="danger"
            data-testid="bc-stop"
            disabled={busy || disabled}
            onClick={() => void act(() => commandApi.stop(current.id))}
          >
            {t('bc.stop')}
          </button>
        )}
        <button type="button" data-testid="bc-new" onClick={() => useCommandStore.getState().show(null)}>
          {t('bc.new')}
        </button>
      </div>
    </div>
  );
}
