import { FEE_IMPORT_LIMITS as LIM, MAX_MONEY, type Compound } from '../../models';
import { HttpError } from '../http/errors';

// The property-bill CSV (README "Fees"): one row per household and bill month, no names. Parsed whole
// and checked before anything is written; every error names its line and column.

export interface FeeRow {
  month: string;
  buildingId: string;
  unitId: string;
  room: string;
  billed: number;
  paid: number;
  paidAt: string | null;
}

type Field = 'month' | 'building' | 'unit' | 'room' | 'billed' | 'paid' | 'paid_at';
const REQUIRED: Field[] = ['month', 'building', 'unit', 'room', 'billed', 'paid'];

/** Header names (lower case, spaces and dashes as _) → column; the Chinese ones property systems export. */
const ALIASES: Record<string, Field> = {
  month: 'month',
  bill_month: 'month',
  月份: 'month',
  账期: 'month',
  building: 'building',
  building_name: 'building',
  building_no: 'building',
  楼栋: 'building',
  楼号: 'building',
  unit: 'unit',
  unit_no: 'unit',
  单元: 'unit',
  room: 'room',
  room_no: 'room',
  房号: 'room',
  房间号: 'room',
  billed: 'billed',
  应收: 'billed',
  应收金额: 'billed',
  paid: 'paid',
  实收: 'paid',
  实收金额: 'paid',
  paid_at: 'paid_at',
  缴费日期: 'paid_at',
};

/** Headers that would carry personal data: refused by name, whatever they hold. */
const PERSONAL =
  /name|owner|tenant|resident|phone|mobile|tel|e?mail|id_?card|id_?no|identity|passport|contact|wechat|address|姓名|名字|业主|住户|租户|电话|手机|联系|身份证|证件|微信|邮箱|地址/i;

const MONTH = /^(19|20)\d\d-(0[1-9]|1[0-2])$/;
const ROOM = /^[0-9A-Za-z-]{1,16}$/;
const MONEY = /^\d{1,8}(\.\d{1,2})?$/;
const DATE = /^(19|20)\d\d-\d\d-\d\d([T ]\d\d:\d\d(:\d\d(\.\d{1,3})?)?(Z|[+-]\d\d:?\d\d)?)?$/;

export class FeeCsvErrors extends HttpError {
  constructor(status: number, message: string, errors: string[]) {
    super(status, message, { errors });
  }
}

/** Splits CSV text into records of fields, with the line each record starts on (RFC 4180: quotes, "" escapes, CRLF). */
export function* csvRecords(text: string): Generator<{ line: number; fields: string[] }> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let v = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= n) throw new FeeCsvErrors(422, `line ${start}, column ${fields.length + 1}: a quoted field is never closed`, []);
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') {
              v += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          v += c;
          i++;
        }
        if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r')
          throw new FeeCsvErrors(422, `line ${line}, column ${fields.length + 1}: text after a closing quote (write "" for a quote inside a field)`, []);
      } else {
        const s = i;
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') i++;
        v = text.slice(s, i);
        if (v.includes('"'))
          throw new FeeCsvErrors(422, `line ${line}, column ${fields.length + 1}: a quote inside an unquoted field (quote the whole field)`, []);
      }
      fields.push(v);
      if (i < n && text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    // blank lines (and a trailing newline) are not records
    if (fields.length === 1 && fields[0].trim() === '') continue;
    yield { line: start, fields };
  }
}

/** Ids of a compound's buildings by id, number and name; and their units by id and number. */
function resolver(c: Compound) {
  const buildings = new Map<string, Compound['buildings'][number]>();
  for (const b of c.buildings) if (b.units.length) for (const k of [b.name, b.nameEn, b.number]) if (k) buildings.set(k.trim().toLowerCase(), b);
  for (const b of c.buildings) if (b.units.length) buildings.set(b.id.toLowerCase(), b);
  return {
    building: (raw: string) =>
      buildings.get(raw.trim().toLowerCase()) ??
      buildings.get(
        raw
          .trim()
          .replace(/(号楼|栋|幢|号)$/, '')
          .toLowerCase(),
      ),
    unit: (b: Compound['buildings'][number], raw: string) => {
      const s = raw.trim().replace(/单元$/, '').toLowerCase();
      return b.units.find((u) => u.id === s) ?? (/^\d{1,2}$/.test(s) ? b.units.find((u) => u.number === Number(s)) : undefined);
    },
  };
}

/**
 * Parses and checks a whole bill file against a compound. Throws a 413 over the row limit, a 422 with
 * every error (up to LIM.errors, each `line L, column C (name): …`) otherwise; returns the rows only when
 * all are good.
 */
export function parseFeeCsv(text: string, compound: Compound): FeeRow[] {
  if (text.includes('\uFFFD')) {
    const at = text.slice(0, text.indexOf('\uFFFD')).split('\n').length;
    throw new FeeCsvErrors(422, `line ${at}: the file is not UTF-8 (save it as "CSV UTF-8"; GBK exports are not read)`, []);
  }
  const records = csvRecords(text);
  const head = records.next();
  if (head.done) throw new FeeCsvErrors(422, 'the file is empty: it needs a header row (month,building,unit,room,billed,paid[,paid_at])', []);
  const cols: (Field | null)[] = [];
  const seen = new Map<Field, number>();
  const headErrors: string[] = [];
  head.value.fields.forEach((raw, i) => {
    const name = raw.trim();
    const key = name.toLowerCase().replace(/[\s-]+/g, '_');
    const f = Object.hasOwn(ALIASES, key) ? ALIASES[key] : null;
    const where = `line ${head.value.line}, column ${i + 1}`;
    if (!f && PERSONAL.test(name))
      headErrors.push(`${where}: column "${name.slice(0, 40)}" would hold personal data: this file format carries no names, phones or id numbers`);
    else if (!f) headErrors.push(`${where}: unknown column "${name.slice(0, 40)}" (columns: month, building, unit, room, billed, paid, paid_at)`);
    else if (seen.has(f)) headErrors.push(`${where}: column "${name.slice(0, 40)}" repeats column ${seen.get(f)! + 1} (${f})`);
    else seen.set(f, i);
    cols.push(f);
  });
  for (const f of REQUIRED) if (!seen.has(f)) headErrors.push(`line ${head.value.line}: the header has no "${f}" column`);
  if (headErrors.length) throw new FeeCsvErrors(422, headErrors[0], headErrors);

  const find = resolver(compound);
  const rows: FeeRow[] = [];
  const errors: string[] = [];
  const keys = new Map<string, number>();
  const err = (line: number, f: Field | null, msg: string) => {
    if (errors.length < LIM.errors) errors.push(f ? `line ${line}, column ${seen.get(f)! + 1} (${f}): ${msg}` : `line ${line}: ${msg}`);
  };
  let count = 0;
  for (const { line, fields } of records) {
    if (++count > LIM.rows) throw new FeeCsvErrors(413, `line ${line}: more than ${LIM.rows} bill rows in one file: import fewer months at a time`, []);
    if (fields.length !== cols.length) {
      err(line, null, `${fields.length} fields, the header has ${cols.length}`);
      continue;
    }
    const v = (f: Field) => (seen.has(f) ? fields[seen.get(f)!].trim() : '');
    const before = errors.length;
    const month = v('month');
    if (!MONTH.test(month)) err(line, 'month', `"${month.slice(0, 20)}" is not a month as YYYY-MM`);
    const b = find.building(v('building'));
    if (!b) err(line, 'building', `no residential building "${v('building').slice(0, 40)}" in ${compound.id} (give its id, number or name)`);
    const u = b ? find.unit(b, v('unit')) : undefined;
    if (b && !u) err(line, 'unit', `building ${b.id} has no unit "${v('unit').slice(0, 20)}" (units ${b.units.map((x) => x.number).join(', ')})`);
    const room = v('room');
    if (!ROOM.test(room)) err(line, 'room', `"${room.slice(0, 20)}" is not a room number (1–${LIM.roomChars} letters, digits or -, e.g. 0502)`);
    const money = (f: 'billed' | 'paid') => {
      const s = v(f);
      if (!MONEY.test(s)) {
        err(line, f, `"${s.slice(0, 20)}" is not an amount in yuan (digits, at most 2 decimals, no separators or sign)`);
        return NaN;
      }
      const x = Number(s);
      if (x > MAX_MONEY) err(line, f, `${s} is over ${MAX_MONEY} yuan`);
      return x;
    };
    const billed = money('billed');
    const paid = money('paid');
    if (paid > billed) err(line, 'paid', `paid ${paid} is more than billed ${billed} (book a prepayment on the month it pays for)`);
    const paidAtRaw = v('paid_at');
    let paidAt: string | null = null;
    if (paidAtRaw) {
      const ms = DATE.test(paidAtRaw) ? Date.parse(paidAtRaw.length === 10 ? `${paidAtRaw}T00:00:00+08:00` : paidAtRaw.replace(' ', 'T')) : NaN;
      if (!Number.isFinite(ms)) err(line, 'paid_at', `"${paidAtRaw.slice(0, 30)}" is not an ISO date of 1900–2099 (YYYY-MM-DD or an ISO date-time)`);
      else paidAt = new Date(ms).toISOString();
    }
    if (errors.length > before || !b || !u) continue;
    const key = `${month}|${b.id}|${u.id}|${room}`;
    const dup = keys.get(key);
    if (dup !== undefined) {
      err(line, 'room', `room ${room} of ${u.id} in ${month} is already billed on line ${dup}`);
      continue;
    }
    keys.set(key, line);
    rows.push({ month, buildingId: b.id, unitId: u.id, room, billed, paid, paidAt });
  }
  if (errors.length)
    throw new FeeCsvErrors(422, `${errors.length >= LIM.errors ? `${LIM.errors}+` : errors.length} bad rows; nothing imported. ${errors[0]}`, errors);
  if (!rows.length) throw new FeeCsvErrors(422, 'the file has a header but no bill rows', []);
  return rows;
}
