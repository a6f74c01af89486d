import type { AuthUser } from '../../models/auth';
import type { Building, Device } from '../../models/compound';
import type { TwinIndex } from '../stores/twinIndex';
import { deviceTypeName, translate, type Lang } from './translate';

/**
 * A device's display name. Compound files name devices in Chinese only, so English composes one
 * from the device type and where it is ("Smoke detector · Bldg 3 Unit 2 F5").
 */
export function deviceLabel(lang: Lang, d: Device, index: TwinIndex | null): string {
  if (lang !== 'en') return d.name;
  const type = deviceTypeName(lang, d.type);
  const p = d.placement;
  if (p.kind !== 'building' || !index) return `${type} · ${d.id}`;
  const b = index.buildingById.get(p.buildingId);
  const u = p.unitId ? index.unitById.get(p.unitId)?.unit : undefined;
  const f = index.deviceFloor.get(d.id);
  const bName = !b ? null : b.use === 'residential' ? translate(lang, 'crumb.building', { n: b.number }) : buildingTitle(lang, b);
  const where = [bName, u ? translate(lang, 'crumb.unit', { n: u.number }) : null, f ? `F${f}` : null].filter(Boolean).join(' ');
  return where ? `${type} · ${where}` : `${type} · ${d.id}`;
}

/**
 * English for the service buildings compound files name in Chinese only (泵房, 门卫室, 车库, 配电房 …), most specific
 * first; `$1` is the first number in the name ("1号非机动车棚" → "Bike shed 1"). A file may also carry `nameEn`.
 */
const SERVICE_NAMES: readonly [RegExp, string][] = [
  [/二次供水.*泵房|供水泵房|加压泵房/, 'Booster pump house'],
  [/消防泵房/, 'Fire pump house'],
  [/泵房|水泵房/, 'Pump house'],
  [/物业服务中心|物业管理处|物业中心|物业办公/, 'Property management office'],
  [/门卫|门岗|岗亭|保安室/, 'Guard house'],
  [/地下车库(出)?入口|车库(出)?入口/, 'Garage entrance'],
  [/地下车库|车库|停车库/, 'Garage'],
  [/(\d+)号?(非机动车棚|自行车棚|车棚)/, 'Bike shed $1'],
  [/非机动车棚|自行车棚|车棚/, 'Bike shed'],
  [/配电房|配电室|变电所|变电站|开闭所/, 'Substation'],
  [/消防控制室|消控室/, 'Fire control room'],
  [/监控中心|监控室/, 'Security control room'],
  [/垃圾(分类)?(收集|转运)?(站|房|点)/, 'Refuse station'],
  [/社区服务中心|党群服务中心|邻里中心/, 'Community centre'],
  [/活动中心|活动室|会所/, 'Clubhouse'],
  [/幼儿园/, 'Kindergarten'],
  [/充电(站|棚)/, 'Charging station'],
  [/商铺|底商|商业/, 'Shops'],
];

/** The English name of a named service building: its file's `nameEn`, else the glossary; undefined when neither knows it. */
export function serviceNameEn(b: Pick<Building, 'name'> & { nameEn?: string }): string | undefined {
  if (b.nameEn) return b.nameEn;
  if (!b.name) return undefined;
  for (const [re, en] of SERVICE_NAMES) {
    const m = re.exec(b.name);
    if (m) return en.replace('$1', m[1] ?? '').trim();
  }
  return undefined;
}

/**
 * What a building is called on labels and titles: its name from the data when it has one ("光谷创意大厦",
 * "78栋"), else "3栋" / "Bldg 3". English never shows Chinese: `nameEn`, a Latin name as it is, the glossary
 * for service buildings, else "Bldg 3" for homes and "<Use> <number>" for the rest.
 */
export function buildingTitle(lang: Lang, b: Building): string {
  const name = b.name?.trim();
  if (lang !== 'en') return name || translate(lang, 'building.label', { n: b.number });
  if (b.nameEn?.trim()) return b.nameEn.trim();
  if (name && !CJK.test(name)) return name;
  if (b.use === 'residential' || b.use === 'unknown') return translate(lang, 'building.label', { n: b.number });
  return serviceNameEn(b) ?? `${translate(lang, `building.use.${b.use}`)} ${b.number}`;
}

/** The building's label in the scene: the same as its title. */
export const buildingLabel = buildingTitle;

/** A building's own name in the language shown (English from `nameEn` or the glossary); none rather than untranslated text. */
export function buildingName(lang: Lang, b: Building): string | undefined {
  return lang === 'en' ? serviceNameEn(b) : b.name;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * The signed-in user's name in the language shown. Accounts carry one display name, usually Chinese
 * ("雅广新村网格员"); English shows a Latin part of it when there is one ("系统管理员 Admin" → "Admin"), otherwise
 * the role and the username ("Officer · officer-yaguang"), never Chinese text.
 */
export function userDisplayName(lang: Lang, user: Pick<AuthUser, 'displayName' | 'username' | 'role'>): string {
  const l = userLabel(lang, user);
  return l.role ? translate(lang, 'user.roleName', { role: l.role, username: l.name }) : l.name;
}

/** The same as two parts for the top bar: a name, and (English, Chinese-only name) the role shown above the username. */
export function userLabel(lang: Lang, user: Pick<AuthUser, 'displayName' | 'username' | 'role'>): { name: string; role?: string } {
  if (lang !== 'en' || !CJK.test(user.displayName)) return { name: user.displayName };
  const latin = user.displayName
    .replace(/[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (/[A-Za-z]{2}/.test(latin)) return { name: latin };
  return { name: user.username, role: translate(lang, `user.role.${user.role}`) };
}
