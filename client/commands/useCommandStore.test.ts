import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BroadcastDetail } from '../../models/commands';
import type { Compound } from '../../models/compound';
import { commandListeners } from '../live/startLiveFeed';
import { beginResync, finishResync, liveResynced } from '../stores/liveGate';
import { useTwinStore } from '../stores/useTwinStore';
import { EMPTY_DRAFT, newer, recentDelta, refreshCurrent, useCommandStore } from './useCommandStore';

const load = (id: string) => JSON.parse(readFileSync(resolve(__dirname, `../../data/compounds/${id}.json`), 'utf8')) as Compound;
const store = () => useCommandStore.getState();

describe('the broadcast tool store', () => {
  it('when a second building is added while units of the first are ticked, then the ticked units are cleared', () => {
    store().reset();
    store().toggleBuilding('b3');
    store().setDraft({ unitIds: ['b3-u1'] });
    store().toggleBuilding('b4');
    expect(store().draft.unitIds).toEqual([]);
    store().toggleBuilding('b4');
    expect(store().draft.buildingIds).toEqual(['b3']);
  });

  it('when the compound changes, then the draft, the preview and the broadcast shown are all dropped', () => {
    useTwinStore.getState().setCompound(load('yaguang-xincun'));
    store().setDraft({
      mode: 'polygon',
      ring: [
        [0, 0],
        [10, 0],
        [10, 10],
      ],
    });
    store().setPreview(['d1']);
    store().show({ id: 7, commands: [] } as unknown as BroadcastDetail);
    expect(store().current?.id).toBe(7);
    useTwinStore.getState().setCompound(load('sanhe-guanggu'));
    expect(store().draft).toEqual(EMPTY_DRAFT);
    expect(store().preview).toEqual([]);
    expect(store().current).toBeNull();
  });

  it('when a command moves on before its POST answers, then its latest delta is kept for the caller', () => {
    commandListeners.forEach((f) =>
      f({
        compoundId: 'yaguang-xincun',
        commands: [{ id: 9001, deviceId: 'g1', type: 'gate_open', state: 'acknowledged', failure: null, broadcastId: null }],
      } as never),
    );
    expect(recentDelta(9001)?.state).toBe('acknowledged');
    expect(newer({ commandId: 9001, state: 'queued', failure: null }, { commandId: 9001, state: 'acknowledged' })).toBe(true);
    expect(newer({ commandId: 9001, state: 'acknowledged', failure: null }, { commandId: 9001, state: 'sent' })).toBe(false);
  });

  it('when the resync after a replay ends, then the shown broadcast is asked again', () => {
    store().reset(); // nothing shown: nothing asked of the server
    expect(liveResynced.has(refreshCurrent)).toBe(true);
    let heard = 0;
    const f = () => heard++;
    liveResynced.add(f);
    try {
      beginResync();
      expect(heard).toBe(0);
      finishResync();
      expect(heard).toBe(1);
    } finally {
      liveResynced.delete(f);
    }
  });
});
