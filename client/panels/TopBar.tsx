import { pick } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { Clock } from './Clock';
import { ConnectionStatus } from './ConnectionStatus';
import { KpiBar } from './KpiBar';
import { LanguageSwitch } from './LanguageSwitch';
import { SearchBox } from './SearchBox';
import { UserMenu } from './UserMenu';

/** Title, KPIs, search, link status, language and clock across the top. */
export function TopBar() {
  const compound = useTwinStore((s) => s.compound);
  const lang = useUiStore((s) => s.lang);
  const t = useT();
  return (
    <header className="top-bar" data-inset="top">
      <div className="brand">
        <span className="brand-mark" aria-hidden />
        <div className="brand-text">
          <h1>{compound ? pick(lang, { zh: compound.name, en: compound.nameEn }) : t('app.title')}</h1>
          <span className="brand-sub">{t('app.title')}</span>
        </div>
      </div>
      <KpiBar />
      <div className="top-tools">
        <SearchBox />
        <ConnectionStatus />
        <LanguageSwitch />
        <UserMenu />
        <Clock />
      </div>
    </header>
  );
}
