import { DEVICE_TYPE_DEFS, type Compound, type Criterion, type CriterionResult, type RatingReport, type Rubric } from '../../models';
import type { Db } from '../db/db';
import { ackMedianMin } from '../db/alarmMetrics.repo';
import { oldestReading, onlineRate, workOrderSla } from '../db/rating.repo';
import { coverage, gapSentence } from './coverage';

const DAY = 86_400_000;
const fmt = (x: number, d = 1) => (Math.round(x * 10 ** d) / 10 ** d).toString();
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Measures one criterion against a compound: the figure, pass/fail, how it was computed, and where it falls short. */
export async function evaluate(db: Db, c: Compound, k: Criterion, now: number): Promise<CriterionResult> {
  const base = { id: k.id, level: k.level, kind: k.kind, title: k.title, gaps: [] as CriterionResult['gaps'] };
  switch (k.kind) {
    case 'deployed': {
      const n = c.devices.filter((d) => d.type === k.deviceType).length;
      const pass = n >= k.minCount;
      const what = DEVICE_TYPE_DEFS[k.deviceType];
      return { ...base, pass, measured: n, threshold: `≥ ${k.minCount}`, unit: 'devices', evidence: `${n} ${k.deviceType} devices in the compound document`, gaps: [], gapSummary: pass ? null : { zh: `未部署${what.zh}`, en: `No ${what.en.toLowerCase()} deployed` } };
    }
    case 'coverage': {
      const cov = coverage(c, k.deviceType, k.scope, k.radiusM);
      const pct = cov.required ? (100 * cov.covered) / cov.required : 100;
      const pass = pct >= k.minPct;
      const what = DEVICE_TYPE_DEFS[k.deviceType];
      return {
        ...base,
        pass,
        measured: Math.round(pct * 10) / 10,
        threshold: `≥ ${k.minPct}`,
        unit: '%',
        evidence: `${cov.covered} of ${cov.required} ${k.scope.replace('_', ' ')} places in residential buildings have a ${k.deviceType}${k.scope === 'unit_entrance' ? ` within ${k.radiusM} m of the entrance` : ''} (compound document, ${c.devices.length} devices)`,
        gaps: cov.gaps,
        gapSummary: pass ? null : gapSentence({ zh: what.zh, en: what.en.toLowerCase() }, k.scope, cov.gaps),
      };
    }
    case 'operation': {
      const since = now - k.windowDays * DAY;
      const window = `${day(since)} – ${day(now)} (${k.windowDays} d)`;
      let measured: number | null = null;
      let evidence = '';
      let unit = '%';
      if (k.measure === 'online_rate_pct') {
        const r = await onlineRate(db, c.id, since);
        measured = r.pct;
        evidence = r.hours
          ? `online device-hours / sampled device-hours over ${r.hours} hourly samples since ${day(r.first!)} (window ${window}); samples are taken while the server runs`
          : `no hourly uptime samples in ${window} yet`;
      } else if (k.measure === 'alarm_ack_median_min') {
        // The very figure the alarm metrics show as ackTimeMedianMin, over the rating's own window.
        const r = await ackMedianMin(db, c.id, since, now);
        measured = r.median;
        unit = 'min';
        evidence = `median of raise→acknowledge over ${r.acked} acknowledged of ${r.raised} alarms raised in ${window}`;
        if (r.raised === 0) {
          measured = 0;
          evidence = `no alarms raised in ${window}: nothing waited for acknowledgement`;
        }
      } else {
        const r = await workOrderSla(db, c.id, since);
        measured = r.pct;
        evidence = r.resolved ? `${r.onTime} of ${r.resolved} work orders resolved in ${window} met their resolution SLA` : `no work orders resolved in ${window}`;
      }
      const pass = measured !== null && (k.min === undefined || measured >= k.min) && (k.max === undefined || measured <= k.max);
      const threshold = [k.min !== undefined ? `≥ ${k.min}` : '', k.max !== undefined ? `≤ ${k.max}` : ''].filter(Boolean).join(' and ');
      return {
        ...base,
        pass,
        measured: measured === null ? null : Math.round(measured * 10) / 10,
        threshold,
        unit,
        evidence,
        gapSummary: pass ? null : { zh: `${k.title.zh}：实测 ${measured === null ? '无数据' : fmt(measured)}`, en: `${k.title.en}: measured ${measured === null ? 'no data' : fmt(measured)}` },
      };
    }
    case 'platform': {
      if (k.measure === 'model_coverage_pct') {
        const modelled = c.buildings.filter((b) => b.footprint.length >= 3 && b.floors >= 1).length;
        const pct = (100 * modelled) / c.buildings.length;
        const pass = pct >= k.min;
        return { ...base, pass, measured: Math.round(pct * 10) / 10, threshold: `≥ ${k.min}`, unit: '%', evidence: `${modelled} of ${c.buildings.length} buildings have a footprint and floors in the 3D model`, gaps: [], gapSummary: pass ? null : { zh: '部分楼栋缺少三维模型', en: 'Some buildings lack a 3D model' } };
      }
      const oldest = await oldestReading(db, c.id);
      const days = oldest === null ? 0 : (now - oldest) / DAY;
      const pass = days >= k.min;
      return {
        ...base,
        pass,
        measured: Math.round(days * 10) / 10,
        threshold: `≥ ${k.min}`,
        unit: 'days',
        evidence: oldest === null ? 'no readings stored' : `oldest stored reading ${new Date(oldest).toISOString()} (${fmt(days)} days ago)`,
        gapSummary: pass ? null : { zh: `数据仅留存 ${fmt(days)} 天`, en: `Data retained for only ${fmt(days)} days` },
      };
    }
  }
}

/** The level a compound reaches under a rubric: levels are cumulative, so a level counts only if every lower one passes too. */
export async function rate(db: Db, c: Compound, rubric: Rubric, now = Date.now()): Promise<RatingReport> {
  const criteria: CriterionResult[] = [];
  for (const k of rubric.criteria) criteria.push(await evaluate(db, c, k, now));
  const levels = rubric.levels.map((l) => {
    const mine = criteria.filter((r) => r.level === l.id);
    return { id: l.id, name: l.name, pass: mine.every((r) => r.pass), passed: mine.filter((r) => r.pass).length, total: mine.length };
  });
  let reached = -1;
  while (reached + 1 < levels.length && levels[reached + 1].pass) reached++;
  const nextLevel = levels[reached + 1];
  const upTo = new Set(rubric.levels.slice(0, reached + 2).map((l) => l.id));
  return {
    compoundId: c.id,
    compoundName: c.name,
    rubric: { id: rubric.id, name: rubric.name, example: rubric.example, notice: rubric.notice },
    at: now,
    level: reached >= 0 ? { id: levels[reached].id, name: levels[reached].name } : null,
    next: nextLevel ? { id: nextLevel.id, name: nextLevel.name, failing: criteria.filter((r) => !r.pass && upTo.has(r.level)).map((r) => r.id) } : null,
    levels,
    criteria,
  };
}

/** The evidence as CSV (one row per criterion), for the evaluator's files. */
export function reportCsv(r: RatingReport): string {
  const esc = (s: unknown) => `"${String(s ?? '').replace(/"/g, '""')}"`;
  const rows = [['compound', 'rubric', 'level', 'criterion', 'title', 'required_for', 'pass', 'measured', 'unit', 'threshold', 'evidence', 'gap']];
  for (const c of r.criteria) {
    rows.push([r.compoundId, r.rubric.id, r.level?.id ?? '', c.id, c.title.zh, c.level, c.pass ? 'pass' : 'fail', c.measured === null ? '' : String(c.measured), c.unit, c.threshold, c.evidence, c.gapSummary?.en ?? '']);
  }
  return '\ufeff' + rows.map((row) => row.map(esc).join(',')).join('\r\n') + '\r\n';
}
