import { DEFAULT_TIME_ZONE } from './compound';
/** A BCP 47 language tag (the console's are 'zh-CN' and 'en'). */
type Lang = string;

/**
 * Times shown for a compound, always in the compound's own time zone (`compound.timeZone`, the same
 * zone the server's day and hour windows use), never the browser's. Formatters are cached per
 * (lang, zone, style): Intl.DateTimeFormat is costly to build and these run in lists and tooltips.
 */
export type TimeStyle = 'hm' | 'hms' | 'md' | 'md-hm' | 'ymd' | 'ymd-hm' | 'ymd-hms';

const OPTS: Record<TimeStyle, Intl.DateTimeFormatOptions> = {
  hm: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  hms: { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
  md: { month: '2-digit', day: '2-digit' },
  'md-hm': { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  ymd: { year: 'numeric', month: '2-digit', day: '2-digit' },
  'ymd-hm': { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  'ymd-hms': { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
};

const cache = new Map<string, Intl.DateTimeFormat>();
const partsCache = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Lang, zone: string, style: TimeStyle): Intl.DateTimeFormat {
  const key = `${lang}|${zone}|${style}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { ...OPTS[style], timeZone: zone });
    cache.set(key, f);
  }
  return f;
}

/** `ms` written in `zone` for `lang`, e.g. ('hm') 14:05, ('md-hm') 11/28 14:05 (en) / 11/28 14:05 (zh). */
export function formatInZone(ms: number, zone: string | undefined, lang: Lang, style: TimeStyle): string {
  if (!Number.isFinite(ms)) return '—';
  return formatter(lang, zone || DEFAULT_TIME_ZONE, style).format(ms);
}

export interface ZoneParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Calendar fields of `ms` in `zone` (month 1–12, hour 0–23). */
export function zoneParts(ms: number, zone: string | undefined): ZoneParts {
  const z = zone || DEFAULT_TIME_ZONE;
  let f = partsCache.get(z);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: z,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    partsCache.set(z, f);
  }
  const out: ZoneParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of f.formatToParts(ms)) if (p.type in out) out[p.type as keyof ZoneParts] = Number(p.value);
  return out;
}

/** Offset of `zone` from UTC at `ms`, in ms (Asia/Shanghai: +8 h). */
export function zoneOffsetMs(ms: number, zone: string | undefined): number {
  const p = zoneParts(ms, zone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - (ms - (ms % 1000));
}

/** Start of the calendar day containing `ms` in `zone` (epoch ms). */
export function startOfZoneDay(ms: number, zone: string | undefined): number {
  const p = zoneParts(ms, zone);
  const guess = Date.UTC(p.year, p.month - 1, p.day) - zoneOffsetMs(ms, zone);
  // a DST change between midnight and `ms` moves the offset; correct once with midnight's own offset
  return Date.UTC(p.year, p.month - 1, p.day) - zoneOffsetMs(guess, zone);
}

/** Same calendar day in `zone`. */
export function sameZoneDay(a: number, b: number, zone: string | undefined): boolean {
  return startOfZoneDay(a, zone) === startOfZoneDay(b, zone);
}
