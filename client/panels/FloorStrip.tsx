import type { Building } from '../../models/compound';
import { useT } from '../i18n/useT';
import { useUiStore } from '../stores/useUiStore';

/** Floor buttons, top floor first; picking one pulls the stack apart at that floor. */
export function FloorStrip({ building }: { building: Building }) {
  const floor = useUiStore((s) => s.selection.floor);
  const t = useT();
  const levels = Array.from({ length: building.floors }, (_, i) => building.floors - i);
  return (
    <div className="floor-strip" data-testid="floor-strip">
      {levels.map((f) => (
        <button
          key={f}
          type="button"
          className={f === floor ? 'on' : ''}
          title={t('crumb.floor', { n: f })}
          onClick={() => useUiStore.getState().selectFloor(f === floor ? null : f)}
        >
          {f}
        </button>
      ))}
    </div>
  );
}
