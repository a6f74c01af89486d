/**
 * Whether live deltas reach the stores. While the console replays history the stores show the past:
 * live deltas are dropped (a resync follows). While that resync is in flight they are held and applied
 * after it, in arrival order, so nothing that happened meanwhile is lost. Plain module state: the feed
 * and the replay driver read and write it outside React.
 */
export type GateMode = 'live' | 'replay' | 'resync';

const held: (() => void)[] = [];
export const liveGate = { mode: 'live' as GateMode, dropped: 0 };

/** Told when the stores hold the present again (a re-join of the room, the resync after a replay): state kept outside the stores is asked again. */
export const liveResynced = new Set<() => void>();
export const announceResynced = (): void => liveResynced.forEach((f) => f());

/** Runs a live update now, holds it during a resync, or drops it during replay. */
export function throughGate(apply: () => void): void {
  if (liveGate.mode === 'live') apply();
  else if (liveGate.mode === 'resync') held.push(apply);
  else liveGate.dropped++;
}

export function enterReplay(): void {
  liveGate.mode = 'replay';
  held.length = 0;
}

/** From here on, live updates are held until `finishResync` applies them. */
export function beginResync(): void {
  liveGate.mode = 'resync';
}

/** Back to live: applies what arrived during the resync, in order. */
export function finishResync(): void {
  liveGate.mode = 'live';
  const queue = held.splice(0);
  for (const apply of queue) apply();
  announceResynced();
}
