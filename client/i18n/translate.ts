import { DEVICE_TYPE_DEFS, METRICS, type DeviceType } from '../../models/deviceTypes';
import { en } from './en';
import { zh, type DictKey } from './zh';
import { fill } from './fill';

export type Lang = 'zh-CN' | 'en';

const DICTS: Record<Lang, Record<DictKey, string>> = { 'zh-CN': zh, en };

/** Looks a key up and fills `{name}` placeholders. */
export function translate(lang: Lang, key: DictKey, params?: Record<string, string | number>): string {
  return fill(DICTS[lang][key] ?? zh[key] ?? key, params);
}

const pluralRules = new Map<Lang, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();
const relativeFormats = new Map<Lang, Intl.RelativeTimeFormat>();

/** `n` written for `lang` with Intl.NumberFormat (grouping, up to `digits` decimals): 12,345.6 */
export function formatNumber(lang: Lang, n: number, digits = 0): string {
  if (!Number.isFinite(n)) return '—';
  const key = `${lang}|${digits}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(lang, { maximumFractionDigits: digits })));
  return f.format(n);
}

/** The keys `${base}.one`, `${base}.other` … that tp() chooses between. */
export type PluralBase<K extends string = DictKey> = K extends `${infer B}.other` ? B : never;

/**
 * A counted phrase: `${base}.${Intl.PluralRules category}` (falling back to `${base}.other`), with `{n}` filled by
 * Intl.NumberFormat. tp('en', 'building.floorsValue', 1) → "1 floor"; 6 → "6 floors"; zh → "6层".
 */
export function tp(lang: Lang, base: PluralBase, n: number, params?: Record<string, string | number>): string {
  let r = pluralRules.get(lang);
  if (!r) pluralRules.set(lang, (r = new Intl.PluralRules(lang)));
  const exact = `${base}.${r.select(n)}` as DictKey;
  const key = exact in DICTS[lang] ? exact : (`${base}.other` as DictKey);
  return translate(lang, key, { n: formatNumber(lang, n), ...params });
}

/** Text the domain model carries in both languages (alarm messages, type and metric names). */
export function pick(lang: Lang, text: { zh: string; en: string }): string {
  return lang === 'en' ? text.en : text.zh;
}

/** The name of a device type; an unknown type (from a newer server) reads as itself. */
export function deviceTypeName(lang: Lang, type: string): string {
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

/** "3m ago" / "3分钟前" style age for last-seen and connection tooltips (Intl.RelativeTimeFormat). */
export function formatAge(lang: Lang, ageMs: number): string {
  const s = Math.max(0, Math.round(ageMs / 1000));
  if (s < 5) return translate(lang, 'time.justNow');
  let f = relativeFormats.get(lang);
  if (!f) relativeFormats.set(lang, (f = new Intl.RelativeTimeFormat(lang, { numeric: 'always', style: lang === 'en' ? 'narrow' : 'short' })));
  if (s < 60) return f.format(-s, 'second');
  if (s < 3600) return f.format(-Math.floor(s / 60), 'minute');
  if (s < 86_400) return f.format(-Math.floor(s / 3600), 'hour');
  return f.format(-Math.floor(s / 86_400), 'day');
}
