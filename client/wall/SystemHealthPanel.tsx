import { tp } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { useUiStore } from '../stores/useUiStore';
import type { DictKey } from '../i18n/zh';
import type { SystemHealth } from './systemHealth';
import { fmt, pct } from './wallFormat';
import { WallPanel } from './WallPanel';

/** Each smart system deployed, with the share of its devices reporting. */
export function SystemHealthPanel({ health }: { health: SystemHealth[] }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  return (
    <WallPanel title={t('wall.systems.title')} testId="wall-systems" aside={tp(lang, 'wall.systems.count', health.length)}>
      <ul className="wall-systems">
        {health.map((h) => {
          const tone = h.pct >= 95 ? 'good' : h.pct >= 80 ? 'warn' : 'bad';
          return (
            <li key={h.system} data-system={h.system} className={tone}>
              <span className="name">{t(`wall.system.${h.system}` as DictKey)}</span>
              <span className="bar">
                <i style={{ width: `${h.pct}%` }} />
              </span>
              <b>{pct(h.pct)}</b>
              <small>
                {fmt(h.online)}/{fmt(h.total)}
              </small>
            </li>
          );
        })}
      </ul>
    </WallPanel>
  );
}
