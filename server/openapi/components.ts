// The named schemas of the OpenAPI document (components.schemas), generated from zod: the shared
// model in models/ and the response mirrors beside this file. These are read as output (what the
// server sends); request bodies and queries are inlined from their zod schema read as input. Register a schema here to `$ref` it by
// name from describeRoute (`schema: 'Compound'`); nested registered schemas become refs too.
import { z } from 'zod';
import { CompoundSchema, DeviceSchema, ImportReportSchema } from '../../models';
import {
  AlarmSchema,
  CompoundSummarySchema,
  DeviceStateSchema,
  ErrorBodySchema,
  HealthSchema,
  ImportOutcomeSchema,
  IngestResultSchema,
  KpisSchema,
  MqttStatusSchema,
  SeriesSchema,
} from './responseSchemas';

export const COMPONENTS: Record<string, z.ZodType> = {
  Error: ErrorBodySchema,
  Health: HealthSchema,
  Compound: CompoundSchema,
  Device: DeviceSchema,
  CompoundSummary: CompoundSummarySchema,
  DeviceState: DeviceStateSchema,
  Kpis: KpisSchema,
  Alarm: AlarmSchema,
  Series: SeriesSchema,
  IngestResult: IngestResultSchema,
  ImportReport: ImportReportSchema,
  ImportOutcome: ImportOutcomeSchema,
  MqttStatus: MqttStatusSchema,
};

const REF = (id: string) => `#/components/schemas/${id}`;

/** Every component as JSON Schema 2020-12 (the dialect OpenAPI 3.1 uses), cross-referenced by name. */
export function componentSchemas(): Record<string, unknown> {
  const reg = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENTS)) reg.add(schema, { id });
  const out = z.toJSONSchema(reg, { uri: REF, unrepresentable: 'any', io: 'output', target: 'draft-2020-12' }) as {
    schemas: Record<string, Record<string, unknown>>;
  };
  const schemas: Record<string, unknown> = {};
  for (const [id, s] of Object.entries(out.schemas)) {
    const { $schema: _s, $id: _i, ...rest } = s;
    schemas[id] = rest;
  }
  return schemas;
}

/** One schema inline (request bodies and query parameters read as input: defaults optional). */
export function inlineSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const byId = new Map(Object.entries(COMPONENTS).map(([id, s]) => [s, id]));
  const id = byId.get(schema);
  if (id && io === 'output') return { $ref: REF(id) };
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, { unrepresentable: 'any', io, target: 'draft-2020-12' }) as Record<string, unknown>;
  return rest;
}

/** `Name` → a $ref to the component; `Name[]` → an array of them. */
export const componentRef = (id: string): Record<string, unknown> => {
  if (id.endsWith('[]')) return { type: 'array', items: componentRef(id.slice(0, -2)) };
  if (!Object.hasOwn(COMPONENTS, id)) throw new Error(`OpenAPI: no component schema named "${id}" (have ${Object.keys(COMPONENTS).join(', ')})`);
  return { $ref: REF(id) };
};
