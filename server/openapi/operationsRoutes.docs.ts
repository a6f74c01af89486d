// OpenAPI declarations of the operations routes (server/operations): income against upkeep, per compound and district.
import { MAX_OPERATIONS_DAYS, OperationsQuerySchema } from '../../models';
import { describeRoute } from './describeRoute';

const WINDOW =
  `\`from\`/\`to\` (epoch ms or ISO-8601) are snapped out to the compound's local midnights (its \`timeZone\`); without them the window is the last 30 local days, today so far included; at most ${MAX_OPERATIONS_DAYS} days. ` +
  'Money is yuan with 2 decimals; shares (utilisation, occupancy, failure rate, availability, collection rate) are fractions 0..1 with 4 decimals. ' +
  '`format=csv` answers the same figures as `text/csv` (UTF-8 with a BOM): `metric,period,value` rows, `period` a month (YYYY-MM), day (YYYY-MM-DD), hour of day (00–23), a group key or `total`.';

describeRoute('get', '/api/v1/compounds/:id/operations', {
  summary: "A compound's operations: income by stream and month against upkeep, chargers and parking by hour, reliability, fee collection, residents' repairs",
  description:
    'Income: charging, parking (temporary and shared-parking fees, space rents) and advertising, from the revenue events (POST /api/v1/ingest/revenue), by month and day. ' +
    'Upkeep by month: labour and parts of the work orders resolved that month, plus the maintenance contracts (annualFee / 365 per device-day, from the compound file). ' +
    'Reliability by system, maintainer and device model: devices, failures (repair work orders on a device created in the window), failure rate (devices that failed / devices), ' +
    'mean time to repair (creation to resolution), availability (the hourly uptime samples), cost. Charger utilisation: busy port-minutes by local hour over the ports (chargers × `operations.chargerPorts`). ' +
    "Parking occupancy: gates' reported occupied spaces by local hour over `operations.parking.spaces`. Fees: the 12 bill months up to the window's last, aggregated (paid ÷ billed, households in arrears). " +
    "Residents' repair requests created in the window, closed, rated, average rating (1–5) and time to resolve. Aggregates only: the same for evaluators and walls. " +
    WINDOW,
  tags: ['operations'],
  query: OperationsQuerySchema,
  responses: {
    200: { description: 'OperationsSummary (models/operations.ts), or its CSV with format=csv', contentType: 'application/json' },
    400: 'a bad or unknown query parameter, from not before to, or a window over the limit',
    403: 'the compound is outside your scope',
    404: 'compound not found',
  },
});

describeRoute('get', '/api/v1/district/operations', {
  summary: "The district's operations: each compound in the caller's scope (income by stream, upkeep, balance, latest collection rate, failures) and the sums",
  description: "Each compound's window is taken in its own time zone. " + WINDOW + ' The CSV has `compound,metric,value` rows, `district` for the sums.',
  tags: ['operations'],
  query: OperationsQuerySchema,
  responses: {
    200: { description: 'DistrictOperations (models/operations.ts), or its CSV with format=csv', contentType: 'application/json' },
    400: 'a bad or unknown query parameter',
  },
});
