import { useCallback } from 'react';
import { startOfZoneDay, zoneParts } from '../../models/zoneTime';
import { translate, type Lang } from '../i18n/translate';
import type { DictKey } from '../i18n/zh';
import { useUiStore } from '../stores/useUiStore';
import { fill } from '../i18n/fill';

// The operations page's own words (zh default, en) and number formats. Lives in the page's lazy chunk, not in the shared dictionaries.

const zh = {
  title: '{name} 运营分析',
  districtTitle: '片区运营汇总',
  window: '统计区间',
  'window.30d': '近 30 天',
  'window.month': '本月',
  'window.prev': '上月',
  'window.custom': '自定义',
  'window.apply': '应用',
  'window.from': '起',
  'window.to': '止',
  days: '{n} 天',
  compound: '小区',
  allCompounds: '— 片区汇总 —',
  console: '返回控制台',
  district: '片区总览',
  print: '打印 / A4',
  csv: '导出 CSV',
  loading: '正在汇总运营数据…',
  failed: '无法加载运营数据：{error}',
  retry: '重试',
  noData: '区间内无数据',
  'kpi.income': '总收入',
  'kpi.upkeep': '运维支出',
  'kpi.balance': '收支结余',
  'kpi.collection': '物业费收缴率',
  'kpi.collectionOf': '{month} 账期',
  'kpi.failures': '故障数',
  'kpi.mttr': '平均修复时长',
  'kpi.availability': '设备在线率',
  'kpi.repairs': '居民报修',
  'kpi.rating': '平均评价',
  'kpi.repairsSub': '已办结 {closed} · 已评价 {rated}',
  'kpi.streams': '充电 {charging} · 停车 {parking} · 广告 {advertising}',
  'kpi.upkeepSub': '人工 {labour} · 备件 {parts} · 合同 {contracts}',
  'stream.charging': '充电',
  'stream.parking': '停车',
  'stream.advertising': '广告',
  upkeep: '运维支出',
  balance: '结余',
  income: '收入',
  'chart.balance': '收入（分项）与运维支出（按月）',
  'chart.daily': '每日收入趋势',
  'chart.district': '各小区收入、运维支出与结余',
  'chart.hourly': '充电桩利用率与车位占用率（按小时）',
  'chart.hourly.charging': '充电桩利用率',
  'chart.hourly.parking': '车位占用率',
  'chart.hourly.sub': '充电 {sessions} 次 · {kwh} kWh · {ports} 个端口；车位 {spaces} 个（包租 {rented}），入场 {entries}',
  'chart.models': '故障最多的设备型号',
  'chart.maintainers': '各维保单位故障率',
  'chart.failureRate': '故障率',
  'chart.collection': '物业费收缴率（按账期）',
  'chart.ads': '广告位播放与收入',
  'chart.plays': '播放次数',
  hour: '{h} 时',
  'table.systems': '各系统可靠性',
  'col.system': '系统',
  'col.devices': '设备数',
  'col.failures': '故障',
  'col.failureRate': '故障率',
  'col.mttr': '平均修复',
  'col.availability': '在线率',
  'col.cost': '运维成本',
  'col.compound': '小区',
  'col.incomeTotal': '总收入',
  'col.upkeep': '运维支出',
  'col.balance': '结余',
  'col.collection': '收缴率',
  total: '合计',
  open: '运营分析',
  min: '{n} 分钟',
  hours: '{n} 小时',
  failures: '{n} 次故障',
  devices: '{n} 台设备',
  'owner.vendor': '厂商',
  'owner.property': '物业',
  'owner.community': '社区',
  'owner.operator': '运营方',
  'district.ops': '运营',
  'district.opsWindow': '近 30 天',
};
export type OpsKey = keyof typeof zh;

const en: Record<OpsKey, string> = {
  title: '{name} — Operations',
  districtTitle: 'District operations',
  window: 'Window',
  'window.30d': 'Last 30 days',
  'window.month': 'This month',
  'window.prev': 'Last month',
  'window.custom': 'Custom',
  'window.apply': 'Apply',
  'window.from': 'From',
  'window.to': 'To',
  days: '{n} days',
  compound: 'Compound',
  allCompounds: '— District (all) —',
  console: 'Back to console',
  district: 'District overview',
  print: 'Print / A4',
  csv: 'Export CSV',
  loading: 'Summing up operations…',
  failed: 'Could not load operations: {error}',
  retry: 'Retry',
  noData: 'No data in the window',
  'kpi.income': 'Income',
  'kpi.upkeep': 'Upkeep',
  'kpi.balance': 'Balance',
  'kpi.collection': 'Fee collection',
  'kpi.collectionOf': 'bill month {month}',
  'kpi.failures': 'Failures',
  'kpi.mttr': 'Mean time to repair',
  'kpi.availability': 'Availability',
  'kpi.repairs': 'Repair requests',
  'kpi.rating': 'Avg rating',
  'kpi.repairsSub': '{closed} closed · {rated} rated',
  'kpi.streams': 'Charging {charging} · Parking {parking} · Ads {advertising}',
  'kpi.upkeepSub': 'Labour {labour} · Parts {parts} · Contracts {contracts}',
  'stream.charging': 'Charging',
  'stream.parking': 'Parking',
  'stream.advertising': 'Advertising',
  upkeep: 'Upkeep',
  balance: 'Balance',
  income: 'Income',
  'chart.balance': 'Income by stream and upkeep, by month',
  'chart.daily': 'Daily income',
  'chart.district': 'Income, upkeep and balance by compound',
  'chart.hourly': 'Charger utilisation and parking occupancy by hour',
  'chart.hourly.charging': 'Charger utilisation',
  'chart.hourly.parking': 'Parking occupancy',
  'chart.hourly.sub': '{sessions} charging sessions · {kwh} kWh · {ports} ports; {spaces} spaces ({rented} rented), {entries} entries',
  'chart.models': 'Top failing device models',
  'chart.maintainers': 'Failure rate by maintainer',
  'chart.failureRate': 'Failure rate',
  'chart.collection': 'Fee collection rate by bill month',
  'chart.ads': 'Advertising by slot',
  'chart.plays': 'Plays',
  hour: '{h}:00',
  'table.systems': 'Reliability by system',
  'col.system': 'System',
  'col.devices': 'Devices',
  'col.failures': 'Failures',
  'col.failureRate': 'Failure rate',
  'col.mttr': 'MTTR',
  'col.availability': 'Availability',
  'col.cost': 'Cost',
  'col.compound': 'Compound',
  'col.incomeTotal': 'Income',
  'col.upkeep': 'Upkeep',
  'col.balance': 'Balance',
  'col.collection': 'Collection',
  total: 'Total',
  open: 'Operations',
  min: '{n} min',
  hours: '{n} h',
  failures: '{n} failures',
  devices: '{n} devices',
  'owner.vendor': 'Vendor',
  'owner.property': 'Property',
  'owner.community': 'Community',
  'owner.operator': 'Operator',
  'district.ops': 'Operations',
  'district.opsWindow': 'last 30 days',
};

const DICTS: Record<Lang, Record<OpsKey, string>> = { 'zh-CN': zh, en };

export type OpsT = (key: OpsKey, params?: Record<string, string | number>) => string;

export function opsTranslate(lang: Lang, key: OpsKey, params?: Record<string, string | number>): string {
  return fill(DICTS[lang][key] ?? zh[key], params);
}

/** A key that may not exist (a system, a maintainer kind): its words, or the key itself. */
export function opsWord(lang: Lang, key: string): string {
  return (DICTS[lang] as Record<string, string>)[key] ?? key.slice(key.indexOf('.') + 1);
}

/** A system's name (the wall's words), or its key. */
export function systemName(lang: Lang, system: string): string {
  const key = `wall.system.${system}` as DictKey;
  const text = translate(lang, key);
  return text === key ? system : text;
}

export function useOpsT(): OpsT {
  const lang = useUiStore((s) => s.lang);
  return useCallback((key, params) => opsTranslate(lang, key, params), [lang]);
}

// Display rounding is the CSV's: money to 2 decimals, rates as % with 1 decimal.
const money2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const int0 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const dec1 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** ¥12,345.60 (−¥… below zero). */
export function fmtMoney(x: number): string {
  if (!Number.isFinite(x)) return '—';
  const r = Math.round(Math.abs(x) * 100) / 100;
  return `${x < 0 && r > 0 ? '−' : ''}¥${money2.format(r)}`;
}
/** A 0..1 share as 87.5%; null → —. */
export function fmtPct(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : `${dec1.format(Math.round(x * 1000) / 10)}%`;
}
/** The percent figure of a 0..1 share (1 decimal) for charts: 0.8754 → 87.5. */
export const pctValue = (x: number | null | undefined): number | null =>
  x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 1000) / 10;
export const moneyValue = (x: number): number => Math.round(x * 100) / 100;
export const fmtInt = (x: number): string => (Number.isFinite(x) ? int0.format(x) : '—');
export const fmt1 = (x: number | null | undefined): string =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : dec1.format(Math.round(x * 10) / 10);

// ---- the window ----

export type WindowKind = '30d' | 'month' | 'prev' | 'custom';
export interface OpsWindow {
  kind: WindowKind;
  /** Custom: first and last day (inclusive), YYYY-MM-DD in the compound's zone. */
  from?: string;
  to?: string;
}

const DAY = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The window named in the address (?window=month|prev|custom&from=&to=), default the last 30 days. */
export function windowFromSearch(search: string): OpsWindow {
  const q = new URLSearchParams(search);
  const kind = q.get('window');
  if (kind === 'month' || kind === 'prev') return { kind };
  const from = q.get('from') ?? '';
  const to = q.get('to') ?? '';
  if (kind === 'custom' && DATE.test(from) && DATE.test(to) && from <= to) return { kind, from, to };
  return { kind: '30d' };
}

/** The calendar day of `ms` in `zone`, YYYY-MM-DD. */
export function zoneDate(ms: number, zone: string): string {
  const p = zoneParts(ms, zone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Local midnight of a YYYY-MM-DD in `zone`. */
export function zoneMidnight(date: string, zone: string): number {
  return startOfZoneDay(Date.parse(`${date}T12:00:00Z`), zone);
}

const firstOfMonth = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}-01`;

/** The API's from/to (epoch ms, local midnights) for a window; null for the default (the server's last 30 whole days). */
export function windowRange(w: OpsWindow, zone: string, now = Date.now()): { from: number; to: number } | null {
  if (w.kind === '30d') return null;
  const p = zoneParts(now, zone);
  if (w.kind === 'month') return { from: zoneMidnight(firstOfMonth(p.year, p.month), zone), to: startOfZoneDay(now, zone) + DAY };
  if (w.kind === 'prev') {
    const py = p.month === 1 ? p.year - 1 : p.year;
    const pm = p.month === 1 ? 12 : p.month - 1;
    return { from: zoneMidnight(firstOfMonth(py, pm), zone), to: zoneMidnight(firstOfMonth(p.year, p.month), zone) };
  }
  return { from: zoneMidnight(w.from!, zone), to: zoneMidnight(w.to!, zone) + DAY };
}

/** `?from=&to=` for the API (empty for the default window). */
export function rangeQuery(r: { from: number; to: number } | null): string {
  return r ? `from=${r.from}&to=${r.to}` : '';
}
