import type { CategoryScore, Compound, Criterion, CriterionResult, CriterionStatus, DataShortfall, Evidence, RatingReport, Rubric } from '../../models';
import { DEFAULT_TIME_ZONE } from '../../models';
import { startOfZoneDay } from '../../models/zoneTime';
import type { Db } from '../db/db';
import { ackMedianMin } from '../db/alarmMetrics.repo';
import { observedHours, oldestReading, onlineRate, workOrderSla } from '../db/rating.repo';
import { coverage } from './coverage';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const round1 = (x: number) => Math.round(x * 10) / 10;

type Outcome = Pick<CriterionResult, 'status' | 'measured' | 'threshold' | 'unit' | 'evidence' | 'gap'> & { gaps?: CriterionResult['gaps'] };

/** Measures one criterion against a compound: the figure, the outcome, the data it rests on, and where it falls short. */
export async function evaluate(db: Db, c: Compound, k: Criterion, now: number): Promise<CriterionResult> {
  const o = await measure(db, c, k, now);
  return {
    id: k.id,
    level: k.level,
    category: k.category,
    weight: k.weight,
    kind: k.kind,
    title: k.title,
    gaps: o.gaps ?? [],
    status: o.status,
    pass: o.status === 'passed',
    measured: o.measured,
    threshold: o.threshold,
    unit: o.unit,
    evidence: o.evidence,
    gap: o.status === 'passed' ? null : o.gap,
  };
}

async function measure(db: Db, c: Compound, k: Criterion, now: number): Promise<Outcome> {
  const zone = c.timeZone ?? DEFAULT_TIME_ZONE;
  const verdict = (ok: boolean): CriterionStatus => (ok ? 'passed' : 'failed');
  switch (k.kind) {
    case 'deployed': {
      const n = c.devices.filter((d) => d.type === k.deviceType).length;
      return {
        status: verdict(n >= k.minCount),
        measured: n,
        threshold: `≥ ${k.minCount}`,
        unit: 'devices',
        evidence: { kind: 'deviceCount', deviceType: k.deviceType, count: n, devices: c.devices.length },
        gap: { kind: 'notDeployed', deviceType: k.deviceType, count: n, minCount: k.minCount },
      };
    }
    case 'coverage': {
      const cov = coverage(c, k.deviceType, k.scope, k.radiusM);
      const pct = cov.required ? (100 * cov.covered) / cov.required : 100;
      return {
        status: verdict(pct >= k.minPct),
        measured: round1(pct),
        threshold: `≥ ${k.minPct}`,
        unit: '%',
        evidence: {
          kind: 'coverage',
          deviceType: k.deviceType,
          scope: k.scope,
          covered: cov.covered,
          required: cov.required,
          radiusM: k.scope === 'unit_entrance' || k.scope === 'gate' || k.scope === 'lane' ? k.radiusM : null,
          devices: c.devices.length,
          ...(cov.byView !== undefined ? { byView: cov.byView, byRadius: cov.byRadius } : {}),
        },
        gaps: cov.gaps,
        gap: {
          kind: 'coverage',
          deviceType: k.deviceType,
          scope: k.scope,
          places: cov.gaps.length,
          buildings: [...new Set(cov.gaps.map((g) => g.buildingNumber).filter(Boolean))],
        },
      };
    }
    case 'operation': {
      const from = now - k.windowDays * DAY;
      const expected = Math.round((k.windowDays * DAY) / HOUR);
      const needHours = Math.ceil(k.minCoverage * expected);
      const needs: DataShortfall[] = [];
      let measured: number | null;
      let evidence: Evidence;
      let unit = '%';
      let samples: number;
      if (k.measure === 'online_rate_pct') {
        const r = await onlineRate(db, c.id, from, now, k.deviceTypes ?? null);
        measured = r.pct;
        samples = r.hours.length;
        // days (in the compound's zone) that have at least one sample
        const days = new Set(r.hours.map((h) => startOfZoneDay(h, zone))).size;
        evidence = {
          kind: 'onlineRate',
          from,
          to: now,
          windowDays: k.windowDays,
          samples,
          expected,
          days,
          deviceHoursOnline: r.online,
          deviceHours: r.total,
          deviceTypes: k.deviceTypes ?? null,
        };
      } else if (k.measure === 'alarm_ack_median_min') {
        // The very figure the alarm metrics show as ackTimeMedianMin, over the rating's own window.
        const r = await ackMedianMin(db, c.id, from, now);
        samples = await observedHours(db, c.id, from, now);
        measured = r.median;
        unit = 'min';
        if (r.acked < k.minEvents) needs.push({ what: 'ackedAlarms', have: r.acked, need: k.minEvents });
        evidence = { kind: 'ackMedian', from, to: now, windowDays: k.windowDays, samples, expected, acked: r.acked, raised: r.raised };
      } else {
        const r = await workOrderSla(db, c.id, from, now);
        samples = await observedHours(db, c.id, from, now);
        measured = r.pct;
        if (r.resolved < k.minEvents) needs.push({ what: 'resolvedOrders', have: r.resolved, need: k.minEvents });
        evidence = { kind: 'workOrderSla', from, to: now, windowDays: k.windowDays, samples, expected, onTime: r.onTime, resolved: r.resolved };
      }
      if (samples < needHours) needs.unshift({ what: 'hourlySamples', have: samples, need: needHours });
      const threshold = [k.min !== undefined ? `≥ ${k.min}` : '', k.max !== undefined ? `≤ ${k.max}` : ''].filter(Boolean).join(' ∧ ');
      const shown = measured === null ? null : round1(measured);
      if (measured === null && !needs.length) needs.push({ what: 'hourlySamples', have: samples, need: Math.max(1, needHours) });
      if (needs.length) return { status: 'insufficient', measured: shown, threshold, unit, evidence, gap: { kind: 'insufficient', needs } };
      const ok = (k.min === undefined || measured! >= k.min) && (k.max === undefined || measured! <= k.max);
      return {
        status: verdict(ok),
        measured: shown,
        threshold,
        unit,
        evidence,
        gap: { kind: 'belowTarget', measured: shown, min: k.min ?? null, max: k.max ?? null, unit },
      };
    }
    case 'platform': {
      if (k.measure === 'model_coverage_pct') {
        const modelled = c.buildings.filter((b) => b.footprint.length >= 3 && b.floors >= 1).length;
        const pct = (100 * modelled) / c.buildings.length;
        return {
          status: verdict(pct >= k.min),
          measured: round1(pct),
          threshold: `≥ ${k.min}`,
          unit: '%',
          evidence: { kind: 'modelCoverage', modelled, buildings: c.buildings.length },
          gap: { kind: 'modelMissing', buildings: c.buildings.length - modelled },
        };
      }
      const oldest = await oldestReading(db, c.id);
      const days = oldest === null ? 0 : (now - oldest) / DAY;
      return {
        status: verdict(days >= k.min),
        measured: round1(days),
        threshold: `≥ ${k.min}`,
        unit: 'days',
        evidence: { kind: 'oldestReading', at: oldest, days: round1(days) },
        gap: { kind: 'retention', days: round1(days), min: k.min },
      };
    }
    case 'manual':
      return {
        status: 'manual',
        measured: null,
        threshold: '',
        unit: '',
        evidence: { kind: 'manual', text: k.evidence },
        gap: { kind: 'manual', text: k.evidence },
      };
  }
}

/** Per category: passed / failed / insufficient / manual counts and the weighted share passed of what the twin measures. */
export function categoryScores(rubric: Rubric, criteria: readonly CriterionResult[]): CategoryScore[] {
  return rubric.categories.map((cat) => {
    const mine = criteria.filter((r) => r.category === cat.id);
    const count = (s: CriterionStatus) => mine.filter((r) => r.status === s).length;
    const measurable = mine.filter((r) => r.status !== 'manual');
    const w = measurable.reduce((s, r) => s + r.weight, 0);
    const wPassed = measurable.filter((r) => r.pass).reduce((s, r) => s + r.weight, 0);
    return {
      id: cat.id,
      name: cat.name,
      passed: count('passed'),
      failed: count('failed'),
      insufficient: count('insufficient'),
      manual: count('manual'),
      measurable: measurable.length,
      scorePct: w > 0 ? round1((100 * wPassed) / w) : null,
    };
  });
}

/**
 * The level a compound reaches under a rubric: levels are cumulative, so a level counts only if every
 * lower one passes too. A level passes when each of its measurable criteria passed: insufficient data
 * holds it back like a failure; manual criteria are left to the evaluator and do not decide it.
 */
export async function rate(db: Db, c: Compound, rubric: Rubric, now = Date.now()): Promise<RatingReport> {
  const criteria: CriterionResult[] = [];
  for (const k of rubric.criteria) criteria.push(await evaluate(db, c, k, now));
  const levels = rubric.levels.map((l) => {
    const mine = criteria.filter((r) => r.level === l.id);
    const measurable = mine.filter((r) => r.status !== 'manual');
    return {
      id: l.id,
      name: l.name,
      pass: measurable.every((r) => r.pass),
      passed: measurable.filter((r) => r.pass).length,
      total: measurable.length,
      insufficient: mine.filter((r) => r.status === 'insufficient').length,
      manual: mine.length - measurable.length,
    };
  });
  let reached = -1;
  while (reached + 1 < levels.length && levels[reached + 1].pass) reached++;
  const nextLevel = levels[reached + 1];
  const upTo = new Set(rubric.levels.slice(0, reached + 2).map((l) => l.id));
  return {
    compoundId: c.id,
    compoundName: c.name,
    timeZone: c.timeZone ?? DEFAULT_TIME_ZONE,
    rubric: { id: rubric.id, name: rubric.name, example: rubric.example, notice: rubric.notice, source: rubric.source, disclaimer: rubric.disclaimer },
    at: now,
    level: reached >= 0 ? { id: levels[reached].id, name: levels[reached].name } : null,
    next: nextLevel
      ? {
          id: nextLevel.id,
          name: nextLevel.name,
          failing: criteria.filter((r) => (r.status === 'failed' || r.status === 'insufficient') && upTo.has(r.level)).map((r) => r.id),
        }
      : null,
    levels,
    categories: categoryScores(rubric, criteria),
    criteria,
  };
}

/** Evidence and gap as `key=value` pairs, for a spreadsheet (the report writes them as sentences). */
function pairs(x: object | null): string {
  if (!x) return '';
  return Object.entries(x)
    .filter(([k]) => k !== 'kind')
    .map(([k, v]) => `${k}=${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join('; ');
}

/** The evidence as CSV (one row per criterion), for the evaluator's files. */
export function reportCsv(r: RatingReport): string {
  const esc = (s: unknown) => `"${String(s ?? '').replace(/"/g, '""')}"`;
  const rows = [
    [
      'compound',
      'rubric',
      'level',
      'category',
      'criterion',
      'title',
      'required_for',
      'status',
      'measured',
      'unit',
      'threshold',
      'evidence_kind',
      'evidence',
      'gap_kind',
      'gap',
    ],
  ];
  for (const c of r.criteria) {
    rows.push([
      r.compoundId,
      r.rubric.id,
      r.level?.id ?? '',
      c.category,
      c.id,
      c.title.zh,
      c.level,
      c.status,
      c.measured === null ? '' : String(c.measured),
      c.unit,
      c.threshold,
      c.evidence.kind,
      pairs(c.evidence),
      c.gap?.kind ?? '',
      pairs(c.gap),
    ]);
  }
  return '\ufeff' + rows.map((row) => row.map(esc).join(',')).join('\r\n') + '\r\n';
}
