import { useT } from '../i18n/useT';
import { Clock } from './Clock';
import { CompoundTitle, DistrictLink, OperationsLink } from './CompoundSwitcher';
import { ConnectionStatus } from './ConnectionStatus';
import { KpiBar } from './KpiBar';
import { LanguageSwitch } from './LanguageSwitch';
import { SearchBox } from './SearchBox';
import { UserMenu } from './UserMenu';

/** Title, KPIs, search, link status, language and clock across the top. */
export function TopBar() {
  const t = useT();
  return (
    <header className="top-bar" data-inset="top">
      <div className="brand">
        <span className="brand-mark" aria-hidden />
        <div className="brand-text">
          <CompoundTitle />
          <span className="brand-sub">
            {t('app.title')}
            <DistrictLink />
            <OperationsLink />
          </span>
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
