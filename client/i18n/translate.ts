import { DEVICE_TYPE_DEFS, METRICS, type DeviceType } from '../../models/deviceTypes';
import { en } from './en';
import { zh, type DictKey } from './zh';

export type Lang = 'zh-CN' | 'en';
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];

const DICTS: Record<Lang, Record<DictKey, string>> = { 'zh-CN': zh, en };

/** Looks a key up and fills `{name}` placeholders. */
export function translate(lang: Lang, key: DictKey, params?: Record<string, string | number>): string {
  const text = DICTS[lang][key] ?? zh[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Text the domain model carries in both languages (alarm messages, type and metric names). */
export function pick(lang: Lang, text: { zh: string; en: string }): string {
  return lang === 'en' ? text.en : text.zh;
}

export function deviceTypeName(lang: Lang, type: DeviceType | string): string {
  const def = DEVICE_TYPE_DEFS[type as DeviceType];
  return def ? pick(lang, def) : type;
}

export function metricName(lang: Lang, metric: string): string {
  const def = METRICS[metric];
  return def ? pick(lang, def) : metric;
}

/** Metric units that are Chinese words get an English equivalent. */
export function metricUnit(lang: Lang, metric: string): string {
  const unit = METRICS[metric]?.unit ?? '';
  if (lang !== 'en') return unit;
  if (unit === '次') return 'passes';
  if (unit === '辆') return 'vehicles';
  if (unit === '人次') return 'visits';
  return unit;
}

/** "3 min ago" style age for last-seen and connection tooltips. */
export function formatAge(lang: Lang, ageMs: number): string {
  const s = Math.max(0, Math.round(ageMs / 1000));
  if (s < 5) return translate(lang, 'time.justNow');
  if (s < 60) return translate(lang, 'time.secondsAgo', { n: s });
  if (s < 3600) return translate(lang, 'time.minutesAgo', { n: Math.floor(s / 60) });
  if (s < 86_400) return translate(lang, 'time.hoursAgo', { n: Math.floor(s / 3600) });
  return translate(lang, 'time.daysAgo', { n: Math.floor(s / 86_400) });
}

export function dictionaryKeys(lang: Lang): string[] {
  return Object.keys(DICTS[lang]);
}
