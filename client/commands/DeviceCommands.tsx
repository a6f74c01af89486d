import { useEffect, useRef, useState } from 'react';
import { COMMAND_LIMITS, type CommandEvent, type CommandState, type CommandType, type DeviceCommand } from '../../models/commands';
import type { Device } from '../../models/compound';
import { deviceLabel } from '../i18n/names';
import { ApiError } from '../live/api';
import { commandListeners } from '../live/startLiveFeed';
import { ConfirmDialog } from '../panels/ConfirmDialog';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { commandApi, newRequestId } from './commandApi';
import { failureText, useCT } from './commandText';
import { cssHex, newer, recentDelta, STATE_COLOURS } from './useCommandStore';
import './commands.css';

/** The command a device of this type takes from its panel, or null. */
export function panelCommand(d: Device): CommandType | null {
  if (d.type === 'access_gate' || d.type === 'parking_gate') return 'gate_open';
  if (d.type === 'ebike_charger') return 'charger_stop';
  return null;
}

/** "远程开闸 / Open gate" and "停止充电 / Stop charging" in the device panel (operators): a reason, a confirmation, the state live. */
export default function DeviceCommands({ device }: { device: Device }) {
  const t = useCT();
  const lang = useUiStore((s) => s.lang);
  const index = useTwinStore((s) => s.index);
  const compoundId = useTwinStore((s) => s.compound?.id);
  const type = panelCommand(device);
  const [reason, setReason] = useState('');
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [cmd, setCmd] = useState<{ id: number; state: CommandState; failure: string | null } | null>(null);
  const requestId = useRef(newRequestId());
  useEffect(() => {
    setCmd(null);
    setError(null);
    setReason('');
  }, [device.id]);
  useEffect(() => {
    requestId.current = newRequestId();
  }, [reason, device.id]);
  // the command's state follows its socket deltas ('command:updated')
  const cmdId = cmd?.id ?? null;
  useEffect(() => {
    if (cmdId === null) return;
    const hear = (e: CommandEvent) => {
      for (const c of e.commands) if (c.id === cmdId) setCmd((x) => (x && x.id === c.id ? { ...x, state: c.state, failure: c.failure } : x));
    };
    commandListeners.add(hear);
    return () => void commandListeners.delete(hear);
  }, [cmdId]);
  if (!type || !compoundId) return null;
  const short = reason.trim().length < COMMAND_LIMITS.reason.min;
  const action = t(`cmd.${type === 'gate_open' ? 'gate_open' : 'charger_stop'}`);
  const send = async () => {
    setConfirm(false);
    setBusy(true);
    setError(null);
    try {
      const c: DeviceCommand = await commandApi.command(compoundId, {
        deviceId: device.id,
        type,
        params: {},
        reason: reason.trim(),
        requestId: requestId.current,
      });
      // its deltas may have arrived before this answer (the listener follows it only from now on)
      const early = recentDelta(c.id);
      const at = early && newer({ commandId: c.id, state: c.state, failure: c.failure }, { commandId: early.id, state: early.state }) ? early : c;
      setCmd({ id: c.id, state: at.state, failure: at.failure });
      // sent: the next opening is a new request (the same id would answer this command again)
      requestId.current = newRequestId();
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 429
          ? t('cmd.limited', { error: e.message })
          : e instanceof ApiError && e.status === 409
            ? t('cmd.conflict', { error: e.message })
            : t('bc.error', { error: e instanceof Error ? e.message : String(e) }),
      );
      // a request id the server refused for another body is spent
      if (e instanceof ApiError && e.status === 409) requestId.current = newRequestId();
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="dev-cmd" data-testid="device-commands">
      <h3>{t('cmd.title')}</h3>
      <label className="bc-label" htmlFor="dev-cmd-reason">
        {t('cmd.reason')}
      </label>
      <input
        id="dev-cmd-reason"
        className="bc-input"
        data-testid="dev-cmd-reason"
        placeholder={t('cmd.reasonHint')}
        maxLength={COMMAND_LIMITS.reason.max}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <div className="bc-row">
        <button
          type="button"
          data-testid={`dev-cmd-${type}`}
          disabled={short || busy}
          title={short ? t('cmd.reasonShort', { n: COMMAND_LIMITS.reason.min }) : undefined}
          onClick={() => setConfirm(true)}
        >
          {action}
        </button>
        {cmd && (
          <span className="bc-check" data-testid="dev-cmd-state" data-state={cmd.state}>
            <i className="bc-dot" style={{ background: cssHex(STATE_COLOURS[cmd.state]) }} />
            {t('cmd.state', { state: t(`state.${cmd.state}`) })}
          </span>
        )}
      </div>
      {cmd?.failure && <span className="dim">{failureText(lang, cmd.failure)}</span>}
      {error && (
        <span className="form-error" role="alert" data-testid="dev-cmd-error">
          {error}
        </span>
      )}
      {confirm && (
        <ConfirmDialog
          title={t(type === 'gate_open' ? 'cmd.confirmGate' : 'cmd.confirmCharger')}
          body={t('cmd.confirmBody', { device: deviceLabel(lang, device, index), action, reason: reason.trim() })}
          yes={action}
          no={t('bc.confirmNo')}
          onYes={() => void send()}
          onNo={() => setConfirm(false)}
          focusNo
        />
      )}
    </div>
  );
}
