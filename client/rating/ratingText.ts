import type { CoverageGap, CriterionResult } from '../../models/rubric';
import type { TwinIndex } from '../stores/twinIndex';
import { pick, translate, type Lang } from '../i18n/translate';

/** The API's units in the reader's language. */
export function unitText(lang: Lang, unit: string): string {
  if (unit === 'devices') return translate(lang, 'rating.unit.devices');
  if (unit === 'days') return translate(lang, 'rating.unit.days');
  if (unit === 'min') return translate(lang, 'rating.unit.min');
  return unit;
}

/** "661 台", "98.4 %", "no data". */
export function measuredText(lang: Lang, c: Pick<CriterionResult, 'measured' | 'unit'>): string {
  if (c.measured === null) return translate(lang, 'rating.noData');
  const n = Number.isInteger(c.measured) ? c.measured.toLocaleString('en-US') : c.measured.toLocaleString('en-US', { maximumFractionDigits: 1 });
  const u = unitText(lang, c.unit);
  return u === '%' ? `${n}%` : `${n} ${u}`.trim();
}

export function thresholdText(lang: Lang, c: Pick<CriterionResult, 'threshold' | 'unit'>): string {
  const u = unitText(lang, c.unit);
  return u === '%' ? `${c.threshold}%` : `${c.threshold} ${u}`.trim();
}

/** "3栋 2单元 5层" / "Bldg 3 Unit 2 F5": where a gap is, from the report and the twin's unit numbers. */
export function gapPlace(lang: Lang, g: CoverageGap, index: TwinIndex | null): string {
  const parts = [translate(lang, 'crumb.building', { n: g.buildingNumber })];
  const u = g.unitId ? index?.unitById.get(g.unitId)?.unit : undefined;
  if (u) parts.push(translate(lang, 'crumb.unit', { n: u.number }));
  else if (g.unitId) parts.push(g.unitId);
  if (g.floor !== undefined) parts.push(translate(lang, 'crumb.floor', { n: g.floor }));
  return parts.join(' ');
}

/** A criterion's gap sentence, or '' when it passes. */
export function gapSentence(lang: Lang, c: Pick<CriterionResult, 'gapSummary'>): string {
  return c.gapSummary ? pick(lang, c.gapSummary) : '';
}
