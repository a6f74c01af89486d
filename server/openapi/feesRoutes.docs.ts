// OpenAPI descriptions of the fees routes (registered on import, like coreRoutes.docs.ts).
import { z } from 'zod';
import { FEE_IMPORT_LIMITS as LIM, FEE_SMALL_CELL, FeeArrearsQuerySchema, FeeQuerySchema } from '../../models';
import { describeRoute } from './describeRoute';

describeRoute('put', '/api/v1/compounds/:id/fees', {
  summary: 'Import property fee bills (物业费) from CSV: replaces the months the file holds',
  description:
    'One row per household and bill month, UTF-8 (a BOM is fine), comma-separated, RFC 4180 quotes, CRLF or LF. A header row is required; its columns, ' +
    'in any order (Chinese aliases in brackets): `month` (月份) YYYY-MM, `building` (楼栋) id, number or name of a residential building, `unit` (单元) id or ' +
    'number, `room` (房号) 1–16 letters, digits or - (e.g. 0502), `billed` (应收) and `paid` (实收) yuan ≥ 0 with at most 2 decimals, paid ≤ billed, ' +
    'optional `paid_at` (缴费日期) an ISO date. Any other column is refused (422 naming it); a column that could hold personal data (name, phone, 姓名, 电话, ' +
    'id card …) is refused as such: this format carries no names. Every error names its line and column (up to ' +
    `${LIM.errors} listed in \`errors\`); a file with any bad row writes nothing. The months in the file replace those months of the compound in one ` +
    `transaction (other months stay): sending the same file again gives the same bills. At most ${LIM.bodyMb} MB and ${LIM.rows} rows (413). ` +
    'Officers of the compound and admins.',
  tags: ['compounds'],
  body: z.string(),
  bodyTypes: ['text/csv'],
  responses: {
    200: { description: 'FeeImportResult: {compoundId, months[], rows, buildings, replaced}', contentType: 'application/json' },
    403: 'not an officer of this compound or an admin (evaluators and walls may not import)',
    404: 'compound not found',
    413: `body over ${LIM.bodyMb} MB or more than ${LIM.rows} rows`,
    415: 'body is not text/csv',
    422: 'bad header (unknown or personal-data column, missing column) or bad rows: `error` and `errors[]` say line and column; nothing written',
  },
});

describeRoute('get', '/api/v1/compounds/:id/fees', {
  summary: 'Fee collection rates per building (or unit) in a month, and the compound by month',
  description:
    '`items`: for `month` (default the latest with bills) per building, or per unit with `level=unit`: billed, paid (yuan), rate (paid ÷ billed amount, 0..1), ' +
    'households billed and households in arrears (paid < billed). `trend`: the whole compound per month (the last 36 with bills). Sums only, never one flat. ' +
    `Evaluators and walls get the same answer with the small-cell rule applied: a sum over fewer than ${FEE_SMALL_CELL} households is withheld ` +
    "(figures null, `suppressed: true`), and when that leaves exactly one withheld cell among a building's units (or the compound's buildings) the next " +
    'smallest is withheld too, so no total minus the others gives it away.',
  tags: ['compounds'],
  query: FeeQuerySchema,
  responses: {
    200: { description: 'FeeSummary: {compoundId, month, months[], level, items[], trend[], smallCell, masked}', contentType: 'application/json' },
    400: 'bad month or level, or an unknown parameter',
    404: 'compound not found',
  },
});

describeRoute('get', '/api/v1/compounds/:id/fees/arrears', {
  summary: 'Rooms in arrears in a month (building, unit, room, billed, paid, owed): officers of the compound and admins only',
  description: 'No names: the bills carry none. Evaluators and walls are refused (403): the list shows single households.',
  tags: ['compounds'],
  query: FeeArrearsQuerySchema,
  responses: {
    200: { description: 'FeeArrears: {compoundId, month, rooms[], owed}', contentType: 'application/json' },
    400: 'bad month or an unknown parameter',
    403: 'evaluators, walls, and officers of other compounds',
    404: 'compound not found',
  },
});
