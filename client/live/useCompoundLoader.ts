import { useEffect } from 'react';
import { startCompoundLive, type CompoundLiveOptions } from './startCompoundLive';

export interface CompoundLoaderOptions {
  /** See CompoundLiveOptions: 'show' for the console's error screen, 'retry' for the unattended wall. */
  refusal: CompoundLiveOptions['refusal'];
  /** Bumped by a "retry" button: starts over. */
  attempt?: number;
}

/** Keeps the compound on screen and live while `enabled` (signed in): the console's and the wall's one lifecycle. */
export function useCompoundLoader(compoundId: string, enabled: boolean, { refusal, attempt = 0 }: CompoundLoaderOptions): void {
  useEffect(() => {
    if (!enabled) return;
    return startCompoundLive(compoundId, { refusal });
  }, [compoundId, enabled, refusal, attempt]);
}
