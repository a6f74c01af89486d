import { create } from 'zustand';
import { DEVICE_TYPES, type DeviceType } from '../../models/deviceTypes';
import type { Lang } from '../i18n/translate';
import { useTwinStore } from './useTwinStore';

/** What the officer drilled into: compound › building › unit/floor › device. */
export interface Selection {
  buildingId: string | null;
  unitId: string | null;
  floor: number | null;
  deviceId: string | null;
}

export interface Hover {
  kind: 'building' | 'device';
  id: string;
}

export interface UiState {
  selection: Selection;
  hover: Hover | null;
  layers: Record<DeviceType, boolean>;
  lang: Lang;
  /** Inside a building: floors pulled apart, or the shell made see-through. */
  explode: boolean;
  translucent: boolean;
  /** Bumped to ask the camera to reframe the current selection even when it did not change. */
  focusRev: number;
  selectBuilding: (id: string | null) => void;
  selectUnit: (unitId: string | null) => void;
  selectFloor: (floor: number | null) => void;
  selectDevice: (id: string | null) => void;
  /** One level up the breadcrumb (what Esc does). */
  back: () => void;
  setHover: (h: Hover | null) => void;
  toggleLayer: (t: DeviceType) => void;
  setAllLayers: (on: boolean) => void;
  setLang: (l: Lang) => void;
  setExplode: (on: boolean) => void;
  setTranslucent: (on: boolean) => void;
  refocus: () => void;
}

export const EMPTY_SELECTION: Selection = { buildingId: null, unitId: null, floor: null, deviceId: null };

const LANG_KEY = 'twin.lang';

function initialLang(): Lang {
  if (typeof window === 'undefined') return 'zh-CN';
  const q = new URLSearchParams(window.location.search).get('lang');
  if (q === 'en' || q === 'zh-CN') return q;
  try {
    const saved = window.localStorage.getItem(LANG_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    // storage can be blocked; the default is fine
  }
  return 'zh-CN';
}

const allLayers = (on: boolean) => Object.fromEntries(DEVICE_TYPES.map((t) => [t, on])) as Record<DeviceType, boolean>;

export const useUiStore = create<UiState>()((set, get) => ({
  selection: EMPTY_SELECTION,
  hover: null,
  layers: allLayers(true),
  lang: initialLang(),
  explode: false,
  translucent: false,
  focusRev: 0,
  selectBuilding: (id) =>
    set((s) => ({
      selection: { ...EMPTY_SELECTION, buildingId: id },
      explode: id === s.selection.buildingId ? s.explode : false,
      translucent: id === s.selection.buildingId ? s.translucent : false,
      focusRev: s.focusRev + 1,
    })),
  selectUnit: (unitId) =>
    set((s) => {
      if (!unitId) return { selection: { ...s.selection, unitId: null, deviceId: null } };
      const hit = useTwinStore.getState().index?.unitById.get(unitId);
      if (!hit) return s;
      // the unit's storeys light up in the see-through view
      return { selection: { buildingId: hit.building.id, unitId, floor: s.selection.floor, deviceId: null }, translucent: true, focusRev: s.focusRev + 1 };
    }),
  selectFloor: (floor) =>
    set((s) => ({
      selection: { ...s.selection, floor, deviceId: null },
      // a single floor reads best pulled out of the stack
      explode: floor !== null ? true : s.explode,
      focusRev: s.focusRev + 1,
    })),
  selectDevice: (id) =>
    set((s) => {
      if (!id) return { selection: { ...s.selection, deviceId: null }, focusRev: s.focusRev + 1 };
      const index = useTwinStore.getState().index;
      const d = index?.deviceById.get(id);
      if (!d || !index) return s;
      const p = d.placement;
      if (p.kind === 'ground') return { selection: { ...EMPTY_SELECTION, deviceId: id }, focusRev: s.focusRev + 1 };
      const floor = index.deviceFloor.get(id) ?? null;
      const indoor = index.indoor.has(id);
      return {
        selection: { buildingId: p.buildingId, unitId: p.unitId ?? null, floor: indoor ? floor : null, deviceId: id },
        translucent: indoor || s.translucent,
        focusRev: s.focusRev + 1,
      };
    }),
  back: () => {
    const { selection: sel } = get();
    if (sel.deviceId) get().selectDevice(null);
    else if (sel.floor !== null) set((s) => ({ selection: { ...s.selection, floor: null }, focusRev: s.focusRev + 1 }));
    else if (sel.unitId) set((s) => ({ selection: { ...s.selection, unitId: null }, focusRev: s.focusRev + 1 }));
    else if (sel.buildingId) set((s) => ({ selection: EMPTY_SELECTION, explode: false, translucent: false, focusRev: s.focusRev + 1 }));
  },
  setHover: (h) => set((s) => (s.hover?.id === h?.id && s.hover?.kind === h?.kind ? s : { hover: h })),
  toggleLayer: (t) => set((s) => ({ layers: { ...s.layers, [t]: !s.layers[t] } })),
  setAllLayers: (on) => set({ layers: allLayers(on) }),
  setLang: (lang) => {
    try {
      window.localStorage.setItem(LANG_KEY, lang);
    } catch {
      // not persisted; the switch still applies to this page
    }
    document.documentElement.lang = lang;
    set({ lang });
  },
  setExplode: (explode) => set({ explode }),
  setTranslucent: (translucent) => set({ translucent }),
  refocus: () => set((s) => ({ focusRev: s.focusRev + 1 })),
}));
