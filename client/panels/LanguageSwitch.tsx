import { useT } from '../i18n/useT';
import { useUiStore } from '../stores/useUiStore';

/** zh-CN ⇄ English. */
export function LanguageSwitch() {
  const lang = useUiStore((s) => s.lang);
  const t = useT();
  return (
    <button
      type="button"
      className="lang-switch"
      data-testid="language-switch"
      aria-label={t('lang.label')}
      onClick={() => useUiStore.getState().setLang(lang === 'en' ? 'zh-CN' : 'en')}
    >
      {t('lang.switch')}
    </button>
  );
}
