import { useEffect, useRef } from 'react';
import { useReplayStore } from '../stores/useReplayStore';
import { useWorkOrderUiStore } from '../stores/useWorkOrderUiStore';
import { startCompoundLive, type CompoundLiveOptions } from './startCompoundLive';

export interface CompoundLoaderOptions {
  /** See CompoundLiveOptions: 'show' for the console's error screen, 'retry' for the unattended wall. */
  refusal: CompoundLiveOptions['refusal'];
  /** Bumped by a "retry" button: starts over. */
  attempt?: number;
}

/**
 * Keeps the compound on screen and live while `enabled` (signed in): the console's and the wall's one
 * lifecycle. Another `compoundId` (the compound switcher) swaps the twin in place: what belonged to the
 * previous compound (a replay, an open work order or its draft) is closed first.
 */
export function useCompoundLoader(compoundId: string, enabled: boolean, { refusal, attempt = 0 }: CompoundLoaderOptions): void {
  const previous = useRef(compoundId);
  useEffect(() => {
    if (previous.current !== compoundId) {
      previous.current = compoundId;
      if (useReplayStore.getState().active) useReplayStore.getState().stop();
      const wo = useWorkOrderUiStore.getState();
      if (wo.detailId !== null || wo.draft || wo.placing) useWorkOrderUiStore.setState({ detailId: null, draft: null, placing: false });
    }
    if (!enabled) return;
    return startCompoundLive(compoundId, { refusal });
  }, [compoundId, enabled, refusal, attempt]);
}
