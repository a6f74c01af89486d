import type { CoverageGap, CriterionResult, CriterionStatus, DataShortfall, Evidence, Gap } from '../../models/rubric';
import { formatInZone } from '../../models/zoneTime';
import type { TwinIndex } from '../stores/twinIndex';
import { deviceTypeName, pick, translate, type Lang } from '../i18n/translate';
import type { DictKey } from '../i18n/zh';

// The report's figures, evidence and gaps written in the reader's language from the API's codes and
// numbers: numbers with Intl.NumberFormat, plurals with Intl.PluralRules, dates in the compound's zone.

const numberFormats = new Map<string, Intl.NumberFormat>();
function nf(lang: Lang, kind: 'n' | 'pct'): Intl.NumberFormat {
  const key = lang + kind;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang, kind === 'pct' ? { style: 'percent', maximumFractionDigits: 1 } : { maximumFractionDigits: 1 });
    numberFormats.set(key, f);
  }
  return f;
}
const pluralRules = new Map<string, Intl.PluralRules>();

/** 1,234.5 / 1,234.5 in the reader's language. */
export const num = (lang: Lang, n: number): string => nf(lang, 'n').format(n);
/** 97.2% from 97.2. */
export const pct = (lang: Lang, n: number): string => nf(lang, 'pct').format(n / 100);
const list = (lang: Lang, items: string[]): string => new Intl.ListFormat(lang, { type: 'conjunction' }).format(items);

/** `${base}.one` or `${base}.other` for n. */
function plural(lang: Lang, base: string, n: number, params: Record<string, string | number> = {}): string {
  let r = pluralRules.get(lang);
  if (!r) pluralRules.set(lang, (r = new Intl.PluralRules(lang)));
  return translate(lang, `${base}.${r.select(n) === 'one' ? 'one' : 'other'}` as DictKey, params);
}
const tr = (lang: Lang, key: string, params?: Record<string, string | number>) => translate(lang, key as DictKey, params);
/** A device type as a noun inside a sentence (lower case in English). */
const typeWord = (lang: Lang, type: string) => (lang === 'en' ? deviceTypeName(lang, type).toLowerCase() : deviceTypeName(lang, type));

/** The API's units in the reader's language. */
export function unitText(lang: Lang, unit: string): string {
  if (unit === 'devices') return translate(lang, 'rating.unit.devices');
  if (unit === 'days') return translate(lang, 'rating.unit.days');
  if (unit === 'min') return translate(lang, 'rating.unit.min');
  return unit;
}

/** A figure with its unit: "661 台", "98.4%", "7.3 min", "1 device". */
function figure(lang: Lang, n: number, unit: string): string {
  const u = unit === 'devices' ? plural(lang, 'rating.devices', n) : unitText(lang, unit);
  return u === '%' ? pct(lang, n) : `${num(lang, n)} ${u}`.trim();
}

/** "661 台", "98.4%", "no data" (— for a manual criterion). */
export function measuredText(lang: Lang, c: Pick<CriterionResult, 'measured' | 'unit'> & { status?: CriterionStatus }): string {
  if (c.status === 'manual') return '—';
  if (c.measured === null) return translate(lang, 'rating.noData');
  return figure(lang, c.measured, c.unit);
}

export function thresholdText(lang: Lang, c: Pick<CriterionResult, 'threshold' | 'unit'>): string {
  if (!c.threshold) return '—';
  const n = Number(/[\d.]+/.exec(c.threshold)?.[0] ?? NaN);
  const u = c.unit === 'devices' && Number.isFinite(n) ? plural(lang, 'rating.devices', n) : unitText(lang, c.unit);
  return u === '%' ? `${c.threshold}%` : `${c.threshold} ${u}`.trim();
}

export function statusText(lang: Lang, s: CriterionStatus): string {
  return translate(lang, `rating.status.${s}` as DictKey);
}

const day = (lang: Lang, ms: number, zone: string) => formatInZone(ms, zone, lang, 'ymd');
const scopeWord = (lang: Lang, scope: string, n: number) => plural(lang, `rating.scope.${scope}`, n);

/** How a figure was computed, as a sentence in the reader's language; dates in the compound's zone. */
export function evidenceText(lang: Lang, e: Evidence, zone: string): string {
  switch (e.kind) {
    case 'deviceCount':
      return tr(lang, 'rating.ev.deviceCount', { type: deviceTypeName(lang, e.deviceType), count: num(lang, e.count), devices: num(lang, e.devices) });
    case 'coverage': {
      // cameras with views are judged by what they see; without views (imports), by the radius
      const radius = e.byView
        ? tr(lang, 'rating.ev.byView', { n: num(lang, e.byView) })
        : e.radiusM === null
          ? ''
          : tr(lang, e.scope === 'unit_entrance' ? 'rating.ev.radius' : 'rating.ev.radiusAt', { r: num(lang, e.radiusM) });
      return tr(lang, e.scope === 'gate' || e.scope === 'lane' ? 'rating.ev.coverageGrounds' : 'rating.ev.coverage', {
        covered: num(lang, e.covered),
        required: num(lang, e.required),
        scope: scopeWord(lang, e.scope, e.required),
        type: deviceTypeName(lang, e.deviceType),
        radius,
        devices: num(lang, e.devices),
      });
    }
    case 'onlineRate': {
      const types = e.deviceTypes
        ? tr(lang, 'rating.ev.types', {
            list: list(
              lang,
              e.deviceTypes.map((t) => typeWord(lang, t)),
            ),
          })
        : '';
      const window = { windowDays: num(lang, e.windowDays), from: day(lang, e.from, zone), to: day(lang, e.to, zone), expected: num(lang, e.expected), types };
      if (e.deviceHours <= 0) return tr(lang, 'rating.ev.onlineRate.none', window);
      return tr(lang, 'rating.ev.onlineRate', {
        ...window,
        pct: pct(lang, (100 * e.deviceHoursOnline) / e.deviceHours),
        samples: num(lang, e.samples),
        days: plural(lang, 'rating.ev.days', e.days, { n: num(lang, e.days) }),
        online: num(lang, e.deviceHoursOnline),
        deviceHours: num(lang, e.deviceHours),
      });
    }
    case 'ackMedian':
      return tr(lang, 'rating.ev.ackMedian', {
        from: day(lang, e.from, zone),
        to: day(lang, e.to, zone),
        raised: num(lang, e.raised),
        acked: num(lang, e.acked),
        samples: num(lang, e.samples),
        expected: num(lang, e.expected),
      });
    case 'workOrderSla':
      return tr(lang, 'rating.ev.workOrderSla', {
        from: day(lang, e.from, zone),
        to: day(lang, e.to, zone),
        resolved: num(lang, e.resolved),
        onTime: num(lang, e.onTime),
        samples: num(lang, e.samples),
        expected: num(lang, e.expected),
      });
    case 'modelCoverage':
      return tr(lang, 'rating.ev.modelCoverage', { modelled: num(lang, e.modelled), buildings: num(lang, e.buildings) });
    case 'oldestReading':
      return e.at === null
        ? tr(lang, 'rating.ev.oldestReading.none')
        : tr(lang, 'rating.ev.oldestReading', { at: formatInZone(e.at, zone, lang, 'ymd-hm'), days: num(lang, e.days) });
    case 'manual':
      return tr(lang, 'rating.ev.manual', { text: pick(lang, e.text) });
  }
}

function needText(lang: Lang, n: DataShortfall): string {
  return tr(lang, `rating.need.${n.what}`, { need: num(lang, n.need), have: num(lang, n.have) });
}

/** Where a criterion falls short, as a sentence in the reader's language ('' when it passes). */
export function gapText(lang: Lang, g: Gap | null, threshold = '', unit = ''): string {
  if (!g) return '';
  switch (g.kind) {
    case 'notDeployed':
      return g.count === 0
        ? tr(lang, 'rating.gap.notDeployed', { type: typeWord(lang, g.deviceType) })
        : tr(lang, 'rating.gap.tooFew', { type: typeWord(lang, g.deviceType), count: num(lang, g.count), min: num(lang, g.minCount) });
    case 'coverage': {
      if (!g.buildings.length)
        return tr(lang, 'rating.gap.coverageGrounds', {
          places: num(lang, g.places),
          scope: scopeWord(lang, g.scope, g.places),
          type: typeWord(lang, g.deviceType),
        });
      const names = g.buildings.map((b) => tr(lang, 'rating.building', { n: b }));
      const joined = lang === 'en' ? names.join(', ') : names.join('、');
      return tr(lang, 'rating.gap.coverage', {
        buildings: plural(lang, 'rating.gap.buildings', g.buildings.length, { list: joined }),
        places: num(lang, g.places),
        scope: scopeWord(lang, g.scope, g.places),
        type: typeWord(lang, g.deviceType),
      });
    }
    case 'belowTarget':
      return tr(lang, 'rating.gap.belowTarget', {
        measured: g.measured === null ? translate(lang, 'rating.noData') : figure(lang, g.measured, g.unit),
        threshold: thresholdText(lang, { threshold, unit: unit || g.unit }),
      });
    case 'insufficient':
      return tr(lang, 'rating.gap.insufficient', { list: g.needs.map((n) => needText(lang, n)).join(translate(lang, 'rating.listSep')) });
    case 'modelMissing':
      return tr(lang, 'rating.gap.modelMissing', { n: num(lang, g.buildings) });
    case 'retention':
      return tr(lang, 'rating.gap.retention', { days: num(lang, g.days), min: num(lang, g.min) });
    case 'manual':
      return tr(lang, 'rating.gap.manual');
  }
}

/** A criterion's gap sentence, or '' when it passes. */
export function gapSentence(lang: Lang, c: Pick<CriterionResult, 'gap' | 'threshold' | 'unit'>): string {
  return gapText(lang, c.gap, c.threshold, c.unit);
}

/** "3栋 2单元 5层" / "Bldg 3 Unit 2 F5": where a gap is, from the report and the twin's unit numbers. */
export function gapPlace(lang: Lang, g: CoverageGap, index: TwinIndex | null): string {
  if (g.place === 'gate') return tr(lang, 'rating.place.gate', { name: g.label ?? '' });
  if (g.place === 'lane' && g.at) return tr(lang, 'rating.place.lane', { name: g.label ?? '', x: Math.round(g.at[0]), y: Math.round(g.at[1]) });
  const parts = [translate(lang, 'crumb.building', { n: g.buildingNumber })];
  const u = g.unitId ? index?.unitById.get(g.unitId)?.unit : undefined;
  if (u) parts.push(translate(lang, 'crumb.unit', { n: u.number }));
  else if (g.unitId) parts.push(g.unitId);
  if (g.floor !== undefined) parts.push(translate(lang, 'crumb.floor', { n: g.floor }));
  return parts.join(' ');
}
