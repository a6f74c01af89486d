// The files of a camera's HLS stream a browser may ask for: only those the camera's own playlists named.
// A rewritten playlist names each gateway file by a token (`<hash>-<file name>`); the token maps back to the
// exact URL the playlist gave (its query too: go2rtc and MediaMTX name segments by it). Nothing else of the
// gateway can be reached: not another camera's playlist in the same directory, not its API or config.
import { createHash } from 'node:crypto';

/** Most files remembered per camera (a live window is a few segments and playlists): the oldest go first. */
export const MAX_HLS_FILES = 256;

export interface HlsFile {
  /** The gateway's URL of the file. */
  href: string;
  /** A playlist (rewritten when served) rather than a segment. */
  playlist: boolean;
}

/**
 * A file's token: deterministic (every server process names a file alike, so one that has not seen the
 * playlist yet can learn it again), with the file's own name kept for reading logs. Not a secret: what
 * guards the gateway is that only learned tokens are served.
 */
export function hlsToken(deviceId: string, href: string): string {
  const hash = createHash('sha256').update(`${deviceId}\n${href}`).digest('base64url').slice(0, 16);
  const last = new URL(href).pathname.split('/').pop() ?? '';
  let name: string;
  try {
    name = decodeURIComponent(last);
  } catch {
    name = last;
  }
  name = name.replace(/[^A-Za-z0-9._-]/g, '_').slice(-40);
  return name ? `${hash}-${name}` : hash;
}

export class HlsFiles {
  /** `deviceId \n playlist URL` → token → file (insertion order: oldest first). */
  private readonly scopes = new Map<string, Map<string, HlsFile>>();

  private scope(deviceId: string, playlist: string, create: true): Map<string, HlsFile>;
  private scope(deviceId: string, playlist: string, create: false): Map<string, HlsFile> | undefined;
  private scope(deviceId: string, playlist: string, create: boolean): Map<string, HlsFile> | undefined {
    // keyed by the configured playlist too: a camera given another stream starts afresh
    const key = `${deviceId}\n${playlist}`;
    let s = this.scopes.get(key);
    if (!s && create) this.scopes.set(key, (s = new Map<string, HlsFile>()));
    return s;
  }

  /** Remembers a file a playlist of the camera named; returns its token. */
  add(deviceId: string, playlist: string, file: HlsFile): string {
    const s = this.scope(deviceId, playlist, true);
    const token = hlsToken(deviceId, file.href);
    const had = s.get(token);
    s.delete(token);
    s.set(token, had ? { href: had.href, playlist: had.playlist || file.playlist } : file);
    while (s.size > MAX_HLS_FILES) s.delete(s.keys().next().value!);
    return token;
  }

  get(deviceId: string, playlist: string, token: string): HlsFile | undefined {
    return this.scope(deviceId, playlist, false)?.get(token);
  }

  /** Files remembered for a camera (tests). */
  size(deviceId: string, playlist: string): number {
    return this.scope(deviceId, playlist, false)?.size ?? 0;
  }

  clear(): void {
    this.scopes.clear();
  }
}
