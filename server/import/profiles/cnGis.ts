// Exports of Chinese GIS tools (ArcGIS / SuperMap / 测绘 deliveries): Chinese or upper-case field
// names — 层数 / 楼层 / FLOOR(S), 高度 / HEIGHT, 名称 / NAME / 楼名, 用途 / 类型 / 性质, 门牌 / 楼号 —
// often in GCJ-02. Lines and polygons typed 道路 / 水系 / 绿地 / 红线 are the surroundings.
import { parseLevels, parseMetres } from '../osmProps';
import type { Classified, Profile, Props } from './types';
import { LINEAR, POLYGONAL } from './types';
import { isRedLine } from './osm';
import { cleanName, cleanNumber, firstKey, mapped, road, text, useOfWord } from './vocab';

export const LEVEL_KEYS = ['层数', '楼层', '地上层数', '楼层数', '总层数', 'Floor', 'FLOOR', 'FLOORS', 'Floors', 'CS'];
export const HEIGHT_KEYS = ['高度', '建筑高度', 'HEIGHT', 'Height', 'GD'];
export const NAME_KEYS = ['名称', '建筑名称', '楼名', 'NAME', 'Name', 'MC'];
export const USE_KEYS = ['用途', '建筑用途', '类型', '建筑类型', '性质', '使用性质', 'USE', 'YT'];
export const NUMBER_KEYS = ['门牌', '门牌号', '楼号', '栋号', '幢号', 'BH'];
const ALL = [...LEVEL_KEYS, ...HEIGHT_KEYS, ...NAME_KEYS, ...USE_KEYS, ...NUMBER_KEYS];
const HAN = /[\u4e00-\u9fff]/u;

function typeWord(p: Props): string {
  const k = firstKey(p, USE_KEYS);
  return (k && text(p[k])) || '';
}

export const cnGisProfile: Profile = {
  id: 'cn-gis',
  rules: ['polygon → building', '道路 → road', '水系 → water', '绿地 → green', '红线 → red line'],
  signature(p) {
    const keys = Object.keys(p).filter((k) => ALL.includes(k) || HAN.test(k));
    // Upper-case English alone (NAME, HEIGHT) is any shapefile; a level or Chinese field gives it away.
    return keys.some((k) => HAN.test(k) || LEVEL_KEYS.includes(k)) ? keys : null;
  },
  classify(p, geometry, m): Classified {
    const t = typeWord(p);
    const name = (() => {
      const k = firstKey(p, NAME_KEYS);
      return k ? cleanName(p[k]) : undefined;
    })();
    if (LINEAR.has(geometry)) {
      if (/道路|路|街|巷/u.test(t) || /路|街|巷|大道/u.test(name ?? ''))
        return { as: 'context', rule: '道路 → road', context: road(/主干|快速/u.test(t) ? 'primary' : /次干/u.test(t) ? 'secondary' : 'residential', p, name) };
      return { as: 'skip', rule: null, reason: `not a footprint (${geometry}${t ? `, ${t}` : ''})` };
    }
    if (!POLYGONAL.has(geometry)) return { as: 'skip', rule: null, reason: `not a footprint (${geometry})` };
    if (isRedLine(p) || /红线/u.test(t)) return { as: 'context', rule: '红线 → red line', context: { type: 'red-line' } };
    if (/水系|河|湖|水面|水体/u.test(t)) return { as: 'context', rule: '水系 → water', context: { type: 'water' } };
    if (/绿地|公园|绿化|草地|林地/u.test(t)) return { as: 'context', rule: '绿地 → green', context: { type: 'green' } };
    if (/^道路/u.test(t)) return { as: 'skip', rule: '道路 → road', reason: 'a road drawn as a polygon: roads are imported as lines' };
    const lk = firstKey(p, LEVEL_KEYS);
    const hk = firstKey(p, HEIGHT_KEYS);
    const nk = firstKey(p, NUMBER_KEYS);
    const attrs = {
      height: hk ? parseMetres(p[hk]) : null,
      minHeight: null,
      levels: lk ? parseLevels(p[lk]) : null,
      minLevel: null,
      use: t ? (useOfWord(t) ?? 'unknown') : ('unknown' as const),
      name,
      number: nk ? cleanNumber(p[nk]) : undefined,
    };
    return { as: 'building', rule: 'polygon → building', ...mapped(attrs, p, m) };
  },
};
