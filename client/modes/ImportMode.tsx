import { useT } from '../i18n/useT';
import { ImportScreen } from '../import/ImportScreen';
import { LanguageSwitch } from '../panels/LanguageSwitch';
import { UserMenu } from '../panels/UserMenu';
import { useSessionStore } from '../stores/useSessionStore';
import { useHtmlClass } from '../wall/useHtmlClass';
import '../import/import.css';

/**
 * The administrator's import screen: drop a footprint file (and optionally a surroundings file),
 * see which profile and CRS were detected, preview the compound in 3D with the report, correct
 * names and use classes, save it and open its console. The server refuses everyone but admins;
 * the page says so instead of showing a form that cannot work.
 */
export function ImportMode() {
  const t = useT();
  const role = useSessionStore((s) => s.me?.user.role);
  useHtmlClass('mode-import');
  return (
    <div className="import-page">
      <header className="import-head">
        <h1>{t('import.title')}</h1>
        <nav>
          <a href="/">{t('import.back')}</a>
          <LanguageSwitch />
          <UserMenu />
        </nav>
      </header>
      {role === 'admin' ? (
        <ImportScreen />
      ) : (
        <p className="import-denied" role="alert" data-testid="import-denied">
          {t('import.adminOnly')}
        </p>
      )}
    </div>
  );
}
