import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Compound } from '../../models/compound';
import { draftPlace, previewDevices, unitsForBuildings } from './placeDraft';
import { EMPTY_DRAFT, type DraftPlace } from './useCommandStore';

const doc = JSON.parse(readFileSync(resolve(__dirname, '../../data/compounds/yaguang-xincun.json'), 'utf8')) as Compound;
const draft = (d: Partial<DraftPlace>): DraftPlace => ({ ...EMPTY_DRAFT, ...d });
const inBuilding = (ids: string[]) =>
  doc.devices
    .filter((d) => (d.type === 'broadcast_speaker' || d.type === 'info_screen') && d.placement.kind === 'building' && ids.includes(d.placement.buildingId))
    .map((d) => d.id)
    .sort();

describe('the broadcast draft as a place', () => {
  it('when the tool opens, then it is in the neutral buildings mode, not drawing a lasso', () => {
    expect(EMPTY_DRAFT.mode).toBe('buildings');
    expect(EMPTY_DRAFT.drawing).toBe(false);
    expect(draftPlace(EMPTY_DRAFT)).toBeNull();
  });

  it('when one building has ticked units, then only those units are targeted', () => {
    const p = draftPlace(draft({ buildingIds: ['b3'], unitIds: ['b3-u1'] }));
    expect(p).toEqual({ kind: 'buildings', buildingIds: ['b3'], unitIds: ['b3-u1'] });
    const ids = previewDevices(doc, p, ['speaker', 'screen'], []).map((d) => d.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => doc.devices.find((d) => d.id === id)!.placement.kind === 'building')).toBe(true);
    expect(ids.length).toBeLessThan(inBuilding(['b3']).length);
  });

  it('when a second building is added while units of the first are ticked, then every device of both buildings is targeted', () => {
    const p = draftPlace(draft({ buildingIds: ['b3', 'b4'], unitIds: ['b3-u1'] }));
    expect(p).toEqual({ kind: 'buildings', buildingIds: ['b3', 'b4'] });
    const ids = previewDevices(doc, p, ['speaker', 'screen'], []).map((d) => d.id);
    expect(ids.sort()).toEqual(inBuilding(['b3', 'b4']));
  });

  it('when the building choice changes, then units survive only with exactly one building and only its own', () => {
    expect(unitsForBuildings(['b3'], ['b3-u1', 'b4-u2'])).toEqual(['b3-u1']);
    expect(unitsForBuildings(['b3', 'b4'], ['b3-u1'])).toEqual([]);
    expect(unitsForBuildings([], ['b3-u1'])).toEqual([]);
    expect(unitsForBuildings(['b1'], ['b10-u1'])).toEqual([]);
  });
});
