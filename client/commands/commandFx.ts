import type { CommandState } from '../../models/commands';

/** What the ring layer draws (a browser test reads it through `window.__commands`). */
export const ringFx = { ids: [] as string[], states: [] as (CommandState | 'preview' | 'previewOffline')[], plates: [] as string[], updates: 0 };

declare global {
  interface Window {
    __commands?: { rings: () => Record<string, string>; plates: () => string[]; updates: () => number };
  }
}
