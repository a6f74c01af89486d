/**
 * The video panel's tiles as plain data, changed only by these functions (the store applies them): a camera
 * opened replaces the unpinned tile (like a preview tab), pinned tiles stay; at most `max` play at once, and
 * starting one more pauses the one that has played longest.
 */
export interface VideoTile {
  deviceId: string;
  pinned: boolean;
  playing: boolean;
  /** Order in which tiles started playing (the smallest is paused first). */
  playSeq: number;
}

/** Browsers limit players and connections per host (HTTP/1.1: six): four streams leave room for the API. */
export const MAX_PLAYING = 4;
/** Tiles the panel keeps at most (pinned included); the oldest unpinned, then the oldest pinned, go first. */
export const MAX_TILES = 8;

/** Plays `deviceId`'s tile, pausing the oldest playing ones so that at most `max` play. */
export function playTile(tiles: readonly VideoTile[], deviceId: string, seq: number, max = MAX_PLAYING): VideoTile[] {
  const out = tiles.map((t) => (t.deviceId === deviceId ? { ...t, playing: true, playSeq: seq } : t));
  const playing = out.filter((t) => t.playing).sort((a, b) => a.playSeq - b.playSeq);
  const excess = new Set(playing.slice(0, Math.max(0, playing.length - max)).map((t) => t.deviceId));
  return excess.size ? out.map((t) => (excess.has(t.deviceId) ? { ...t, playing: false } : t)) : out;
}

export function pauseTile(tiles: readonly VideoTile[], deviceId: string): VideoTile[] {
  return tiles.map((t) => (t.deviceId === deviceId && t.playing ? { ...t, playing: false } : t));
}

/** Opens a camera at the front and plays it; the previous unpinned tile gives way to it. */
export function openTile(tiles: readonly VideoTile[], deviceId: string, seq: number, max = MAX_PLAYING): VideoTile[] {
  const existing = tiles.find((t) => t.deviceId === deviceId);
  let rest = tiles.filter((t) => t.deviceId !== deviceId && t.pinned);
  if (rest.length >= MAX_TILES) rest = rest.slice(0, MAX_TILES - 1);
  const tile: VideoTile = existing ? { ...existing } : { deviceId, pinned: false, playing: false, playSeq: seq };
  return playTile([tile, ...rest], deviceId, seq, max);
}

export function closeTile(tiles: readonly VideoTile[], deviceId: string): VideoTile[] {
  return tiles.filter((t) => t.deviceId !== deviceId);
}

export function pinTile(tiles: readonly VideoTile[], deviceId: string, pinned: boolean): VideoTile[] {
  return tiles.map((t) => (t.deviceId === deviceId ? { ...t, pinned } : t));
}
