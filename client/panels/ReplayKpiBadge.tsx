import { formatReplayTime } from '../overlays/replayTime';
import { useT } from '../i18n/useT';
import { useTwinStore } from '../stores/useTwinStore';

/** The KPI bar's first cell while replaying: says the figures are those of the replayed moment, not live ones. */
export function ReplayKpiBadge({ at }: { at: number | null }) {
  const t = useT();
  const zone = useTwinStore((s) => s.compound?.timeZone);
  const when = at === null ? '…' : formatReplayTime(at, zone, false);
  return (
    <div className="kpi kpi-replay" data-testid="kpi-replay-badge" title={t('replayx.kpiTitle', { when })}>
      <span className="kpi-label">{t('replayx.kpiBadge')}</span>
      <span className="kpi-value">{when}</span>
      <span className="kpi-sub">{t('replayx.notLive')}</span>
    </div>
  );
}
