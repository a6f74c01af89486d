import { useState } from 'react';
import { api } from '../live/api';
import { useT } from '../i18n/useT';
import { useSessionStore } from '../stores/useSessionStore';
import { LanguageSwitch } from './LanguageSwitch';

/** Sign-in form shown when the API says the page has no session. */
export function LoginPanel() {
  const t = useT();
  const error = useSessionStore((s) => s.error);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      useSessionStore.getState().setMe(await api.login(username.trim(), password));
    } catch (err) {
      setFailure(t('login.failed', { error: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="overlay login" data-testid="login-panel">
      <form className="panel login-form" onSubmit={submit}>
        <header className="panel-head">
          <h2>{t('login.title')}</h2>
          <LanguageSwitch />
        </header>
        <div className="panel-body">
          <label>
            <span>{t('login.username')}</span>
            <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
          </label>
          <label>
            <span>{t('login.password')}</span>
            <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          </label>
          {(failure ?? error) && <div className="form-error">{failure ?? error}</div>}
          <button type="submit" className="primary" disabled={busy}>
            {t('login.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
