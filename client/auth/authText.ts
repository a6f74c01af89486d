import type { Lang } from '../i18n/translate';

/** The sign-in page's own words (it shows before the console and its dictionaries load). */
const TEXT = {
  'zh-CN': {
    title: '智慧小区数字孪生',
    subtitle: '请登录',
    username: '用户名',
    password: '密码',
    submit: '登录',
    busy: '正在登录…',
    wrong: '用户名或密码错误',
    throttled: '失败次数过多，请 {s} 秒后再试',
    unreachable: '无法连接服务器，正在重试…',
    wallWaiting: '大屏令牌无效或已过期，请联系管理员。正在重试…',
    demo: '演示模式 / DEMO',
    demoHint: '演示账号：admin / admin-demo-2026，officer-yaguang / officer-demo-2026，evaluator / evaluator-demo-2026',
    language: 'English',
  },
  en: {
    title: 'Compound Twin',
    subtitle: 'Sign in',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    busy: 'Signing in…',
    wrong: 'Wrong username or password',
    throttled: 'Too many failed attempts: try again in {s} s',
    unreachable: 'Cannot reach the server, retrying…',
    wallWaiting: 'The wall token is invalid or expired; ask an administrator. Retrying…',
    demo: '演示模式 / DEMO',
    demoHint: 'Demo accounts: admin / admin-demo-2026, officer-yaguang / officer-demo-2026, evaluator / evaluator-demo-2026',
    language: '中文',
  },
} as const;

export type AuthTextKey = keyof (typeof TEXT)['en'];

/** One sign-in string in `lang`, with `{name}` placeholders filled. */
export function authText(lang: Lang, key: AuthTextKey, params: Record<string, string | number> = {}): string {
  const s: string = (TEXT[lang] ?? TEXT['zh-CN'])[key];
  return s.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}
