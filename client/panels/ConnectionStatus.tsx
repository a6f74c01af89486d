import { useEffect, useRef } from 'react';
import { formatAge } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { liveStore } from '../stores/liveStore';
import { useOpsStore } from '../stores/useOpsStore';
import { useUiStore } from '../stores/useUiStore';

/** Live / reconnecting / stale, with the age of the last update refreshed once a second (DOM write, no re-render). */
export function ConnectionStatus() {
  const state = useOpsStore((s) => s.connection);
  const t = useT();
  const ageRef = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const tick = () => {
      const at = liveStore.getState().lastEventAt;
      const text = at ? t('conn.lastUpdate', { time: formatAge(useUiStore.getState().lang, Date.now() - at) }) : '';
      if (ageRef.current && ageRef.current.textContent !== text) ageRef.current.textContent = text;
    };
    tick();
    const id = setInterval(tick, 1000);
    return () => clearInterval(id);
  }, [t]);
  return (
    <div className={`conn conn-${state}`} data-testid="connection-status" data-state={state} role="status" aria-live="polite">
      <span className="conn-dot" />
      <span className="conn-label">{t(`conn.${state}`)}</span>
      <span className="conn-age" ref={ageRef} />
    </div>
  );
}
