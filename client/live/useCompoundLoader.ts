import { useEffect } from 'react';
import { CompoundSchema } from '../../models/compound';
import { describeIssues } from '../../models/validation';
import { applyDeviceStates } from '../stores/liveStore';
import { useOpsStore } from '../stores/useOpsStore';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore, EMPTY_SELECTION } from '../stores/useUiStore';
import { api } from './api';
import { startLiveFeed } from './startLiveFeed';

/** Loads the compound's static twin and current device states, then keeps them live over the socket. */
export function useCompoundLoader(compoundId: string, attempt: number, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const ctrl = new AbortController();
    let stop: (() => void) | null = null;
    const twin = useTwinStore.getState();
    twin.setLoading(compoundId);
    useOpsStore.getState().reset();
    useUiStore.setState({ selection: EMPTY_SELECTION, hover: null, explode: false, translucent: false });
    api
      .twin(compoundId, ctrl.signal)
      .then((doc) => {
        // the compound document crosses a trust boundary: parse it with the shared schema
        const parsed = CompoundSchema.safeParse(doc.compound);
        if (!parsed.success) throw new Error(describeIssues(`compound ${compoundId}`, parsed.error, 5));
        applyDeviceStates(doc.devices);
        useTwinStore.getState().setCompound(parsed.data);
        stop = startLiveFeed(compoundId);
        api.kpis(compoundId).then((k) => useOpsStore.getState().kpis ?? useOpsStore.getState().setKpis(k), () => undefined);
      })
      .catch((err: unknown) => {
        if (ctrl.signal.aborted) return;
        useTwinStore.getState().setError(err instanceof Error ? err.message : String(err));
      });
    return () => {
      ctrl.abort();
      stop?.();
    };
  }, [compoundId, attempt, enabled]);
}
