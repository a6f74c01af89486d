import { useEffect, useRef } from 'react';
import { buildingTotals } from '../../models/compound';
import { buildingTitle, deviceLabel } from '../i18n/names';
import { deviceTypeName, tp } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { statusOf } from '../stores/liveStore';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { HeatTooltipLine } from './HeatTooltipLine';

/** Follows the pointer over the scene and names what is under it; moved by direct style writes. */
export function Tooltip() {
  const hover = useUiStore((s) => s.hover);
  const lang = useUiStore((s) => s.lang);
  const index = useTwinStore((s) => s.index);
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const move = (e: PointerEvent) => {
      const el = ref.current;
      if (el) el.style.transform = `translate(${e.clientX + 16}px, ${e.clientY + 18}px)`;
    };
    window.addEventListener('pointermove', move, { passive: true });
    return () => window.removeEventListener('pointermove', move);
  }, []);
  let body: React.ReactNode = null;
  if (hover && index) {
    if (hover.kind === 'building') {
      const b = index.buildingById.get(hover.id);
      if (b) {
        const tot = buildingTotals(b);
        body = (
          <>
            <strong>{buildingTitle(lang, b)}</strong>
            <HeatTooltipLine buildingId={b.id} />
            <span>
              {b.units.length > 0
                ? `${tp(lang, 'building.floorsValue', b.floors)} · ${tp(lang, 'building.unitsCount', b.units.length)} · ${tp(lang, 'building.householdsCount', tot.households)}`
                : tp(lang, 'building.floorsValue', b.floors)}
            </span>
          </>
        );
      }
    } else {
      const d = index.deviceById.get(hover.id);
      if (d) {
        const st = statusOf(d.id);
        body = (
          <>
            <strong>{deviceLabel(lang, d, index)}</strong>
            <span>
              {deviceTypeName(lang, d.type)} · <em className={`status-text ${st ?? 'unknown'}`}>{t(`status.${st ?? 'unknown'}`)}</em>
            </span>
            <span className="mono">{d.id}</span>
          </>
        );
      }
    }
  }
  return (
    <div ref={ref} className={`tooltip ${body ? 'shown' : ''}`} data-testid="tooltip" role="tooltip">
      {body}
    </div>
  );
}
