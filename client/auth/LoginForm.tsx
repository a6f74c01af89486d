import { useState, type FormEvent } from 'react';
import type { Me } from '../../models/auth';
import { useUiStore } from '../stores/useUiStore';
import { signIn, SignInError } from './authApi';
import { authText } from './authText';

export interface LoginFormProps {
  demo: boolean;
  onSignedIn: (me: Me) => void;
}

/** The sign-in page: a plain DOM form (no 3D loads before a session exists), zh-CN first, English one click away. */
export function LoginForm({ demo, onSignedIn }: LoginFormProps) {
  const lang = useUiStore((s) => s.lang);
  const t = (k: Parameters<typeof authText>[1], p?: Record<string, string | number>) => authText(lang, k, p);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(username.trim(), password));
    } catch (err) {
      if (err instanceof SignInError && err.status === 401) setError(t('wrong'));
      else if (err instanceof SignInError && err.status === 429) setError(t('throttled', { s: err.retryAfterS || 1 }));
      else setError(err instanceof Error ? err.message : String(err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="auth-page" data-testid="login-page">
      <form className="auth-card" data-testid="login-form" onSubmit={submit}>
        <header className="auth-head">
          <h1>{t('title')}</h1>
          <button
            type="button"
            className="auth-lang"
            data-testid="login-language"
            onClick={() => useUiStore.getState().setLang(lang === 'en' ? 'zh-CN' : 'en')}
          >
            {t('language')}
          </button>
        </header>
        <h2>{t('subtitle')}</h2>
        <label>
          <span>{t('username')}</span>
          <input
            name="username"
            data-testid="login-username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            autoFocus
            maxLength={64}
          />
        </label>
        <label>
          <span>{t('password')}</span>
          <input
            name="password"
            type="password"
            data-testid="login-password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            maxLength={256}
          />
        </label>
        {error && (
          <p className="auth-error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" className="auth-submit" data-testid="login-submit" disabled={busy}>
          {busy ? t('busy') : t('submit')}
        </button>
        {demo && <p className="auth-hint">{t('demoHint')}</p>}
      </form>
    </main>
  );
}
