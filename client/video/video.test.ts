import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { camerasCovering, obstaclesOf } from '../../models/cameraCoverage';
import { CompoundSchema, type Device } from '../../models/compound';
import { snapshotsAt } from './ReplaySnapshots';
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
