// The demo's cameras without a gateway: one `ffmpeg` child per camera being watched (testsrc2 with the
// camera's id, name and the time burned in), started on demand, its JPEG frames fanned out to every viewer
// of that camera, stopped a few seconds after the last one left. A cap on the children keeps the CPU in
// hand: beyond it a new camera is refused as busy (an idle child waiting to stop makes room first).
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { JpegSplitter } from './jpegFrames';

export interface DemoCamera {
  id: string;
  name: string;
  /** IANA zone of the camera's compound: the burned-in clock shows its local time (as the console does). */
  timeZone?: string;
}

export interface DemoSourceOptions {
  /** The ffmpeg executable; null: none (the demo says `no_ffmpeg`). */
  ffmpeg: string | null;
  /** Most ffmpeg children at once (VIDEO_DEMO_MAX_SOURCES). */
  maxSources: number;
  /** How long a source keeps running after its last viewer left (a tile re-opened meanwhile reuses it). */
  idleStopMs: number;
  /** Frames per second. */
  fps: number;
  log: (msg: string) => void;
}

export const DEFAULT_DEMO_OPTIONS: Omit<DemoSourceOptions, 'ffmpeg' | 'log'> = { maxSources: 6, idleStopMs: 4_000, fps: 8 };

/** Too many cameras are being watched: the caller answers 503 busy. */
export class BusyError extends Error {}

/** Finds ffmpeg: `configured` (VIDEO_FFMPEG: a path, or a name looked up on PATH), else `ffmpeg` on PATH; null when none is executable. */
export function findFfmpeg(configured: string | undefined, path = process.env.PATH ?? ''): string | null {
  const name = configured || 'ffmpeg';
  const executable = (p: string) => {
    try {
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (name.includes('/')) return executable(name) ? name : null;
  for (const dir of path.split(delimiter)) if (dir && executable(join(dir, name))) return join(dir, name);
  return null;
}

const LATIN_FONTS = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/dejavu/DejaVuSans.ttf', '/usr/share/fonts/TTF/DejaVuSans.ttf'];
/** A font with Chinese glyphs draws the camera's name as it is; without one only its id (and an ASCII name) is drawn. */
const CJK_FONTS = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
];
const firstExisting = (paths: string[]): string | undefined => paths.find((p) => existsSync(p));
/** A path safe inside a single-quoted filter option (no quote, colon or backslash to escape). */
const filterSafe = (p: string | undefined): p is string => p !== undefined && /^[\w/.+-]+$/.test(p);

/** ffmpeg's arguments for one camera (no shell: an array, the camera's text comes from a file). */
export function ffmpegArgs(fps: number, textFile: string | null, fonts: { latin?: string; cjk?: string }): string[] {
  const box = 'fontcolor=white:fontsize=22:box=1:boxcolor=black@0.6:boxborderw=6';
  const font = (f: string | undefined) => (filterSafe(f) ? `fontfile='${f}':` : '');
  const filters: string[] = [];
  if (textFile && filterSafe(textFile))
    filters.push(`drawtext=${font(fonts.cjk ?? fonts.latin)}textfile='${textFile}':expansion=none:x=12:y=h-96:line_spacing=8:${box}`);
  filters.push(`drawtext=${font(fonts.latin ?? fonts.cjk)}text='%{localtime}':x=w-tw-12:y=12:${box}`);
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    '-re',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=640x360:rate=${fps}`,
    '-vf',
    filters.join(','),
    '-an',
    '-threads',
    '1',
    '-c:v',
    'mjpeg',
    '-q:v',
    '7',
    '-f',
    'image2pipe',
    'pipe:1',
  ];
}

interface Viewer {
  frame: (jpeg: Buffer) => void;
  end: () => void;
}

interface Source {
  camera: DemoCamera;
  child: ChildProcess;
  viewers: Set<Viewer>;
  latest: Buffer | null;
  latestAt: number;
  stopTimer: NodeJS.Timeout | null;
  textFile: string | null;
  stderr: string;
}

/** Every ffmpeg child of this process: killed when it exits (a child also ends on its own when its stdout pipe closes). */
const allChildren = new Set<ChildProcess>();
let exitHook = false;

export class DemoSources {
  private readonly sources = new Map<string, Source>();
  private readonly fonts = { latin: firstExisting(LATIN_FONTS), cjk: firstExisting(CJK_FONTS) };
  private textDir: string | null = null;
  private files = 0;
  private closed = false;

  constructor(readonly opts: DemoSourceOptions) {}

  get available(): boolean {
    return this.opts.ffmpeg !== null && !this.closed;
  }

  /** The cameras whose source runs now and its process id (tests check that a child is gone). */
  running(): Map<string, number> {
    return new Map([...this.sources].map(([id, s]) => [id, s.child.pid ?? -1]));
  }

  /**
   * Starts watching a camera: `frame` gets every JPEG from now on, `end` is called once if the source stops
   * on its own (ffmpeg died, the server closes). Returns the function that stops watching. Throws BusyError.
   */
  watch(camera: DemoCamera, frame: (jpeg: Buffer) => void, end: () => void): () => void {
    const s = this.sources.get(camera.id) ?? this.start(camera);
    const viewer: Viewer = { frame, end };
    s.viewers.add(viewer);
    if (s.stopTimer) {
      clearTimeout(s.stopTimer);
      s.stopTimer = null;
    }
    let left = false;
    return () => {
      if (left) return;
      left = true;
      s.viewers.delete(viewer);
      if (s.viewers.size === 0 && this.sources.get(camera.id) === s) {
        s.stopTimer = setTimeout(() => this.stop(s), this.opts.idleStopMs);
        s.stopTimer.unref();
      }
    };
  }

  /** One JPEG of the camera: the running source's latest frame, else a source started for it (it stops again when idle). */
  still(camera: DemoCamera, timeoutMs: number): Promise<Buffer> {
    const s = this.sources.get(camera.id);
    if (s?.latest && Date.now() - s.latestAt < 2_000) return Promise.resolve(s.latest);
    return new Promise((resolve, reject) => {
      let leave: () => void = () => undefined;
      const timer = setTimeout(() => {
        leave();
        reject(new Error(`no frame from the demo source within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (err: Error | null, jpeg?: Buffer) => {
        clearTimeout(timer);
        leave();
        if (err) reject(err);
        else resolve(jpeg!);
      };
      try {
        leave = this.watch(
          camera,
          (jpeg) => done(null, jpeg),
          () => done(new Error('the demo source stopped before its first frame')),
        );
      } catch (e) {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }

  /** Stops every source (the app's close). */
  close(): void {
    this.closed = true;
    for (const s of [...this.sources.values()]) this.stop(s);
    if (this.textDir) rmSync(this.textDir, { recursive: true, force: true });
    this.textDir = null;
  }

  private start(camera: DemoCamera): Source {
    if (!this.available) throw new BusyError('no ffmpeg: the demo cameras have no video');
    if (this.sources.size >= this.opts.maxSources) {
      // a source waiting to stop makes room; else every one has viewers: busy
      const idle = [...this.sources.values()].find((x) => x.viewers.size === 0);
      if (!idle) throw new BusyError(`${this.opts.maxSources} demo cameras are being watched (VIDEO_DEMO_MAX_SOURCES): try again shortly`);
      this.stop(idle);
    }
    const textFile = this.writeText(camera);
    const child = spawn(this.opts.ffmpeg!, ffmpegArgs(this.opts.fps, textFile, this.fonts), {
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false,
      env: camera.timeZone ? { ...process.env, TZ: camera.timeZone } : process.env,
    });
    allChildren.add(child);
    if (!exitHook) {
      exitHook = true;
      process.once('exit', () => {
        for (const c of allChildren) c.kill('SIGKILL');
      });
    }
    const s: Source = { camera, child, viewers: new Set(), latest: null, latestAt: 0, stopTimer: null, textFile, stderr: '' };
    const splitter = new JpegSplitter((jpeg) => {
      s.latest = jpeg;
      s.latestAt = Date.now();
      for (const v of [...s.viewers]) v.frame(jpeg);
    });
    child.stdout.on('data', (b: Buffer) => splitter.push(b));
    child.stderr.on('data', (b: Buffer) => (s.stderr = (s.stderr + b.toString()).slice(-2_000)));
    const gone = (why: string) => {
      allChildren.delete(child);
      if (this.sources.get(camera.id) !== s) return;
      this.sources.delete(camera.id);
      this.cleanup(s);
      this.opts.log(`[video] demo source of ${camera.id} ended: ${why}${s.stderr ? `: ${s.stderr.trim().slice(-300)}` : ''}`);
      for (const v of [...s.viewers]) v.end();
      s.viewers.clear();
    };
    child.once('error', (e) => gone(e.message));
    child.once('exit', (code, sig) => gone(`exit ${code ?? sig}`));
    this.sources.set(camera.id, s);
    return s;
  }

  private stop(s: Source): void {
    if (this.sources.get(s.camera.id) === s) this.sources.delete(s.camera.id);
    this.cleanup(s);
    s.child.kill('SIGKILL');
    for (const v of [...s.viewers]) v.end();
    s.viewers.clear();
  }

  private cleanup(s: Source): void {
    if (s.stopTimer) clearTimeout(s.stopTimer);
    s.stopTimer = null;
    if (s.textFile) rmSync(s.textFile, { force: true });
    s.textFile = null;
  }

  /** The camera's id and name in a file drawtext reads (no escaping of the text into the filter). */
  private writeText(camera: DemoCamera): string | null {
    try {
      // made again if something cleaned the temp folder meanwhile
      if (!this.textDir || !existsSync(this.textDir)) this.textDir = mkdtempSync(join(tmpdir(), 'twin-video-'));
      const ascii = /^[\x20-\x7e]*$/.test(camera.name);
      const name = this.fonts.cjk || ascii ? camera.name : '';
      const file = join(this.textDir, `${++this.files}.txt`);
      writeFileSync(file, name ? `${camera.id}\n${name}` : camera.id);
      return file;
    } catch {
      return null;
    }
  }
}
