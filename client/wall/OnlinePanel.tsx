import { useT } from '../i18n/useT';
import { useOpsStore } from '../stores/useOpsStore';
import { fmt, pct } from './wallFormat';
import { WallPanel } from './WallPanel';

const R = 42;
const C = 2 * Math.PI * R;

/** Devices online: a ring gauge with the share and the counts. */
export function OnlinePanel() {
  const t = useT();
  const k = useOpsStore((s) => s.kpis);
  const share = k ? Math.min(100, Math.max(0, k.onlinePct)) : 0;
  const tone = !k ? '' : share >= 95 ? 'good' : share >= 80 ? 'warn' : 'bad';
  return (
    <WallPanel title={t('wall.online.title')} testId="wall-online">
      <div className="wall-gauge-row">
        <svg className={`wall-gauge ${tone}`} viewBox="0 0 100 100" aria-hidden>
          <circle className="track" cx="50" cy="50" r={R} />
          <circle className="fill" cx="50" cy="50" r={R} strokeDasharray={`${(share / 100) * C} ${C}`} transform="rotate(-90 50 50)" />
        </svg>
        <div className="wall-gauge-text">
          <b className={`wall-big ${tone}`} data-kpi="onlinePct">
            {k ? pct(k.onlinePct) : '—'}
          </b>
          <span>{t('wall.online.devices', { online: k ? fmt(k.devicesOnline) : '—', total: k ? fmt(k.devicesTotal) : '—' })}</span>
          <span className={k && k.devicesTotal - k.devicesOnline > 0 ? 'warn' : ''}>
            {t('wall.online.offline', { n: k ? fmt(k.devicesTotal - k.devicesOnline) : '—' })}
          </span>
        </div>
      </div>
    </WallPanel>
  );
}
