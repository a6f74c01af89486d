import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { camerasCovering, obstaclesOf } from '../../models/cameraCoverage';
import { CompoundSchema, type Device } from '../../models/compound';
import { snapshotsAt } from './ReplaySnapshots';
import { refusalWhy } from './streamApi';
import { CONSOLE_BACKOFF, STABLE_PLAY_MS, StreamRetry, WALL_BACKOFF } from './streamRetry';
import { cameraSelected, openCameraVideo, useVideoStore } from './useVideoStore';
import { wallCamerasFor, WALL_NEAR_M } from './wallCameras';
import { closeTile, MAX_PLAYING, openTile, pauseTile, pinTile, playTile, type VideoTile } from './videoTiles';

const ids = (tiles: VideoTile[]) => tiles.map((t) => `${t.deviceId}${t.pinned ? '*' : ''}${t.playing ? '>' : ''}`).join(' ');

describe('video tiles', () => {
  it('when a camera is opened, then it replaces the unpinned tile and pinned ones stay', () => {
    let tiles = openTile([], 'a', 1);
    expect(ids(tiles)).toBe('a>');
    tiles = openTile(tiles, 'b', 2);
    expect(ids(tiles)).toBe('b>');
    tiles = pinTile(tiles, 'b', true);
    tiles = openTile(tiles, 'c', 3);
    expect(ids(tiles)).toBe('c> b*>');
    tiles = closeTile(tiles, 'c');
    expect(ids(tiles)).toBe('b*>');
  });

  it('when a fifth camera starts, then the one that has played longest pauses, and pausing frees a slot', () => {
    let tiles: VideoTile[] = [];
    let seq = 0;
    for (const id of ['a', 'b', 'c', 'd']) tiles = pinTile(openTile(tiles, id, ++seq), id, true);
    expect(tiles.filter((t) => t.playing)).toHaveLength(MAX_PLAYING);
    tiles = pinTile(openTile(tiles, 'e', ++seq), 'e', true);
    expect(tiles.filter((t) => t.playing).map((t) => t.deviceId)).toEqual(['e', 'd', 'c', 'b']);
    expect(tiles.find((t) => t.deviceId === 'a')?.playing).toBe(false);
    // replaying a: now b is the oldest
    tiles = playTile(tiles, 'a', ++seq);
    expect(tiles.find((t) => t.deviceId === 'b')?.playing).toBe(false);
    tiles = pauseTile(tiles, 'a');
    expect(tiles.filter((t) => t.playing)).toHaveLength(MAX_PLAYING - 1);
    tiles = playTile(tiles, 'b', seq + 1);
    expect(tiles.filter((t) => t.playing)).toHaveLength(MAX_PLAYING);
    expect(tiles.find((t) => t.deviceId === 'c')?.playing).toBe(true);
  });
});

describe('replay snapshots', () => {
  const snap = (at: number) => ({ contentType: 'image/png' as const, bytes: 100, at });
  it('when the replay shows a moment, then the snapshots taken in the 15 minutes before it show, newest first, never ones from later', () => {
    const t = 1_000_000_000;
    const marks = [
      { kind: 'alarm', action: 'raised', id: 1, label: 'thrown', snapshot: snap(t - 60_000) },
      { kind: 'alarm', action: 'raised', id: 2, label: 'later', snapshot: snap(t + 1) },
      { kind: 'alarm', action: 'cleared', id: 3, label: 'cleared', snapshot: snap(t - 1) },
      { kind: 'alarm', action: 'raised', id: 4, label: 'old', snapshot: snap(t - 16 * 60_000) },
      { kind: 'workorder', action: 'raised', id: 5, label: 'order', snapshot: snap(t) },
      { kind: 'alarm', action: 'raised', id: 6, label: 'none', snapshot: null },
    ];
    const open = [{ id: 7, label: 'loitering', snapshot: snap(t - 1000) }];
    expect(snapshotsAt(t, marks, open).map((s) => s.alarmId)).toEqual([7, 1]);
  });
});

describe('wall cameras', () => {
  const compound = CompoundSchema.parse(JSON.parse(readFileSync('data/compounds/yaguang-xincun.json', 'utf8')));
  const byId = new Map(compound.devices.map((d) => [d.id, d]));

  it("when the alarm is a camera's (an AI event), then that camera comes first", () => {
    const cam = compound.devices.find((d) => d.type === 'camera')!;
    const list = wallCamerasFor(compound, cam);
    expect(list[0]).toBe(cam.id);
    expect(list.length).toBeLessThanOrEqual(2);
  });

  it('when cameras see the device, then the wall shows those (nearest first); when none does, the nearest within 40 m', () => {
    let covered = 0;
    let fallback = 0;
    for (const d of compound.devices) {
      if (d.type === 'camera') continue;
      const p: [number, number] = [d.placement.at[0], d.placement.at[1]];
      const seeing = camerasCovering(compound, p, obstaclesOf(compound), 2).map((c) => c.id);
      const list = wallCamerasFor(compound, d);
      expect(list.length).toBeLessThanOrEqual(2);
      if (seeing.length) {
        covered++;
        expect(list).toEqual(seeing);
      } else {
        if (list.length) fallback++;
        for (const id of list) {
          const c = byId.get(id) as Device;
          const at = c.view?.at ?? c.placement.at;
          expect(Math.hypot(at[0] - p[0], at[1] - p[1])).toBeLessThanOrEqual(WALL_NEAR_M);
        }
      }
    }
    // the demo has both kinds: ground devices on camera, and flats' devices no camera sees
    expect(covered).toBeGreaterThan(0);
    expect(fallback).toBeGreaterThan(0);
  });
});

describe('stream retries', () => {
  // the longest wait of each step (no jitter), so the doubling shows
  const top = () => 1;

  it('when a stream keeps dropping a few seconds after it starts, then the waits keep growing to the cap', () => {
    const r = new StreamRetry(false, top);
    let now = 0;
    const waits: (number | null)[] = [];
    for (let i = 0; i < 6; i++) {
      r.played(now);
      now += 3_000;
      const w = r.next('failed', now);
      waits.push(w);
      now += w ?? 0;
    }
    expect(waits).toEqual([2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });

  it(`when a stream played ${STABLE_PLAY_MS / 1000} s without a break before it dropped, then the wait starts over`, () => {
    const r = new StreamRetry(false, top);
    for (let i = 0; i < 4; i++) r.next('failed', 0);
    r.played(100_000);
    expect(r.next('failed', 100_000 + STABLE_PLAY_MS - 1)).toBe(CONSOLE_BACKOFF.maxMs);
    r.played(200_000);
    expect(r.next('failed', 200_000 + STABLE_PLAY_MS)).toBe(CONSOLE_BACKOFF.baseMs);
    // a click on play or retry starts over too
    r.next('failed', 300_000);
    r.reset();
    expect(r.next('camera_offline', 300_000)).toBe(CONSOLE_BACKOFF.baseMs);
  });

  it('when the reason will not change soon, then the console waits for a click and the wall retries only at its longest wait', () => {
    const desk = new StreamRetry(false, top);
    expect(desk.next('no_stream', 0)).toBeNull();
    expect(desk.next('no_ffmpeg', 0)).toBeNull();
    expect(desk.next('forbidden', 0)).toBeNull();
    expect(desk.next('gateway_unreachable', 0)).toBe(2_000);
    expect(desk.next('busy', 0, 5_000)).toBe(5_000);
    const wall = new StreamRetry(true, top);
    expect(wall.next('no_stream', 0)).toBe(WALL_BACKOFF.maxMs);
    expect(wall.next('no_ffmpeg', 0)).toBe(WALL_BACKOFF.maxMs);
    expect(wall.next('forbidden', 0)).toBe(WALL_BACKOFF.baseMs);
  });

  it("when the server refuses a stream, then its JSON reason is the tile's, else not allowed or a failure", () => {
    const res = (status: number) => new Response(null, { status });
    expect(refusalWhy(res(404), { error: 'x', reason: 'no_stream' })).toBe('no_stream');
    expect(refusalWhy(res(503), { error: 'x', reason: 'busy' })).toBe('busy');
    expect(refusalWhy(res(502), { error: 'x', reason: 'gateway_unreachable' })).toBe('gateway_unreachable');
    expect(refusalWhy(res(404), { error: 'x' })).toBe('forbidden');
    expect(refusalWhy(res(403), null)).toBe('forbidden');
    expect(refusalWhy(res(500), { reason: 'nonsense' })).toBe('failed');
  });
});

describe('selecting a camera', () => {
  it('when the camera already has a tile, then selecting it (its name, the scene) keeps the tiles as they are', () => {
    useVideoStore.getState().closeAll();
    openCameraVideo('a');
    useVideoStore.getState().pause('a');
    cameraSelected('a');
    expect(ids(useVideoStore.getState().tiles)).toBe('a');
    useVideoStore.getState().pin('a', true);
    openCameraVideo('b');
    cameraSelected('a');
    cameraSelected('b');
    expect(ids(useVideoStore.getState().tiles)).toBe('b> a*');
    // a camera without a tile opens in the preview tile
    cameraSelected('c');
    expect(ids(useVideoStore.getState().tiles)).toBe('c> a*');
  });
});
