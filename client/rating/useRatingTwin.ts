import { useEffect } from 'react';
import { CompoundSchema } from '../../models/compound';
import { api } from '../live/api';
import { applyDeviceStates } from '../stores/liveStore';
import { useOpsStore } from '../stores/useOpsStore';
import { useTwinStore } from '../stores/useTwinStore';
import { EMPTY_SELECTION, useUiStore } from '../stores/useUiStore';

/** Loads the compound's 3D twin for the coverage-gap view (no live feed: the report is a snapshot). */
export function useRatingTwin(compoundId: string): void {
  useEffect(() => {
    const ctrl = new AbortController();
    useTwinStore.getState().setLoading(compoundId);
    useOpsStore.getState().reset();
    useUiStore.setState({ selection: EMPTY_SELECTION, hover: null, explode: false, translucent: false });
    api.twin(compoundId, ctrl.signal).then(
      (doc) => {
        const parsed = CompoundSchema.safeParse(doc.compound);
        if (!parsed.success) return useTwinStore.getState().setError(`compound ${compoundId}: invalid document`);
        applyDeviceStates(doc.devices);
        useTwinStore.getState().setCompound(parsed.data);
      },
      (err: unknown) => !ctrl.signal.aborted && useTwinStore.getState().setError(err instanceof Error ? err.message : String(err)),
    );
    return () => ctrl.abort();
  }, [compoundId]);
}
