// The simulator's devices answer commands: a speaker starts playing, a screen shows the notice, a gate opens,
// after a plausible delay; a few answer an error, a few never answer (the command expires), a dark device
// (an outage, a dead one) stays silent. Seeded by command id, so a run replays the same answers.
import type { CommandType, DeviceCommand } from '../../models';
import type { Twins } from '../live/twins';
import type { CommandSink, CommandTransport } from '../commands/transport';
import { hashString, mix, seeded } from './seeded';

export interface CommandResponderOptions {
  seed: number;
  /** Share of commands answered with a device error (default 2 %). */
  errorShare: number;
  /** Share never answered: they expire at their deadline (default 2 %). */
  lostShare: number;
  /** Multiplies every delay (tests: 0.01 for near-instant answers). */
  delayScale: number;
  /** A device that is dark now (Simulator.isDark): it takes nothing, so the command expires. */
  silent?: (compoundId: string, deviceId: string, now: number) => boolean;
  log?: (m: string) => void;
}

const DEFAULTS: CommandResponderOptions = { seed: 20_250_601, errorShare: 0.02, lostShare: 0.02, delayScale: 1 };

/** How long each kind of device takes to answer, [min, max] ms: a speaker's amplifier warms up, a screen redraws, a gate's relay clicks. */
const DELAY: Record<CommandType, [number, number]> = {
  broadcast_play: [400, 2_500],
  broadcast_stop: [400, 2_500],
  screen_show: [300, 1_500],
  screen_clear: [300, 1_500],
  gate_open: [200, 1_000],
  charger_stop: [200, 1_000],
};
const FAULT: Record<CommandType, readonly string[]> = {
  broadcast_play: ['amplifier fault', 'speaker line open circuit'],
  broadcast_stop: ['amplifier fault'],
  screen_show: ['screen not responding', 'display panel fault'],
  screen_clear: ['screen not responding'],
  gate_open: ['gate motor fault', 'gate obstructed'],
  charger_stop: ['relay stuck'],
};

function result(c: DeviceCommand): Record<string, unknown> {
  switch (c.type) {
    case 'broadcast_play':
      return { playing: true, preset: c.params.preset ?? null, repeat: c.params.repeat ?? null };
    case 'broadcast_stop':
      return { playing: false };
    case 'screen_show':
      return { shown: true };
    case 'screen_clear':
      return { shown: false };
    case 'gate_open':
      return { opened: true, holdS: c.params.holdS ?? null };
    case 'charger_stop':
      return { stopped: true };
  }
}

/** How one command will go: after `delayMs`, ok, an error, or nothing. A pure function of seed and command. */
export function planAnswer(c: DeviceCommand, o: Pick<CommandResponderOptions, 'seed' | 'errorShare' | 'lostShare' | 'delayScale'>) {
  const r = seeded(mix(mix(o.seed, c.id), hashString(c.deviceId)));
  const [lo, hi] = DELAY[c.type];
  const delayMs = Math.round((lo + r() * (hi - lo)) * o.delayScale);
  const fate = r();
  const faults = FAULT[c.type];
  const error = faults[Math.floor(r() * faults.length)];
  if (fate < o.lostShare) return { delayMs, answer: null };
  if (fate < o.lostShare + o.errorShare) return { delayMs, answer: { ok: false, error } as const };
  return { delayMs, answer: { ok: true, result: result(c) } as const };
}

/** Keeps this many command ids to run each once (a redelivery of an older one would be long past its deadline). */
const REMEMBER = 20_000;

export type CommandResponder = CommandTransport & { stop(): void };

export function createCommandResponder(twins: Twins, sink: CommandSink, opts: Partial<CommandResponderOptions> = {}): CommandResponder {
  const o: CommandResponderOptions = { ...DEFAULTS, ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) };
  const seen = new Set<number>();
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  const answer = async (c: DeviceCommand, ack: { ok: boolean; error?: string; result?: Record<string, unknown> }, attempt: number) => {
    if (stopped) return;
    try {
      await sink.acknowledge(c.compoundId, c.deviceId, c.id, ack, 'simulator');
    } catch (err) {
      // The database away for a moment: a device would resend its answer.
      if (attempt < 3) later(() => void answer(c, ack, attempt + 1), 1_000 * (attempt + 1));
      else o.log?.(`[simulator] could not acknowledge command ${c.id}: ${(err as Error).message}`);
    }
  };
  const later = (fn: () => void, ms: number) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    t.unref();
    timers.add(t);
  };

  return {
    name: 'simulator',
    ready: (compoundId) => !stopped && twins.get(compoundId) !== undefined && twins.isOwned(compoundId),
    deliver(c) {
      if (stopped || !twins.get(c.compoundId)?.entry.devices.has(c.deviceId)) return Promise.resolve(false);
      // A dark device takes nothing: no answer, the command expires.
      if (o.silent?.(c.compoundId, c.deviceId, Date.now())) return Promise.resolve(true);
      // Run once by id: a second delivery is taken and ignored.
      if (seen.has(c.id)) return Promise.resolve(true);
      seen.add(c.id);
      if (seen.size > REMEMBER) seen.delete(seen.values().next().value as number);
      const { answer: ack, delayMs } = planAnswer(c, o);
      if (ack) later(() => void answer(c, ack, 0), delayMs);
      return Promise.resolve(true);
    },
    stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
