import { api } from '../live/api';
import { useT } from '../i18n/useT';
import { useSessionStore } from '../stores/useSessionStore';

/** Who is signed in, and sign out. */
export function UserMenu() {
  const me = useSessionStore((s) => s.me);
  const t = useT();
  if (!me) return null;
  const signOut = () => {
    api.logout().finally(() => useSessionStore.getState().signedOut());
  };
  return (
    <div className="user-menu" data-testid="user-menu">
      <span className="user-name" title={me.user.username}>
        {me.user.displayName}
      </span>
      {me.user.role !== 'wall' && (
        <button type="button" onClick={signOut}>
          {t('login.signOut')}
        </button>
      )}
    </div>
  );
}
