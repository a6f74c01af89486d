import { api } from '../live/api';
import { userLabel } from '../i18n/names';
import { useT } from '../i18n/useT';
import { useUiStore } from '../stores/useUiStore';
import { useSessionStore } from '../stores/useSessionStore';

/** Who is signed in, and sign out. */
export function UserMenu() {
  const me = useSessionStore((s) => s.me);
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const label = userLabel(lang, me?.user ?? { displayName: '', username: '', role: 'officer' });
  if (!me) return null;
  const signOut = () => {
    void api.logout().finally(() => useSessionStore.getState().signedOut());
  };
  return (
    <div className="user-menu" data-testid="user-menu">
      <span className="user-name" data-testid="user-name" title={`${me.user.displayName} (${me.user.username})`}>
        {label.role && <small className="user-role">{label.role}</small>}
        {label.name}
      </span>
      {me.user.role === 'admin' && window.location.pathname !== '/import' && (
        <a className="user-import" href="/import" data-testid="import-link">
          {t('import.link')}
        </a>
      )}
      {me.user.role !== 'wall' && (
        <button type="button" onClick={signOut}>
          {t('login.signOut')}
        </button>
      )}
    </div>
  );
}
