import { pick } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { Clock } from '../panels/Clock';
import { ConnectionStatus } from '../panels/ConnectionStatus';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';

/** Compound name, the display's title, the link state and the clock. */
export function WallHeader() {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const compound = useTwinStore((s) => s.compound);
  return (
    <header className="wall-header" data-inset="top">
      <div className="wall-brand">
        <span className="brand-mark" aria-hidden />
        <div>
          <h1>{compound ? pick(lang, { zh: compound.name, en: compound.nameEn }) : t('app.title')}</h1>
          <span>{compound && lang !== 'en' ? `${compound.city} · ${t('wall.subtitle')}` : t('wall.subtitle')}</span>
        </div>
      </div>
      <div className="wall-title">{t('wall.title')}</div>
      <div className="wall-tools">
        <ConnectionStatus />
        <Clock />
      </div>
    </header>
  );
}
