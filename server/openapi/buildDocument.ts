// Assembles the OpenAPI 3.1 document from what the routes declared with describeRoute().
import { componentRef, componentSchemas, inlineSchema } from './components';
import { declaredOperations, pathParams, toOpenApiPath, type DeclaredOperation, type SchemaRef } from './describeRoute';

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
}

const TAGS: Record<string, string> = {
  health: 'Liveness and storage status',
  compounds: 'Compounds, their static twin, live state and KPIs',
  devices: 'Devices and their history',
  alarms: 'Alarms: list, acknowledge, clear',
  'work-orders': 'Repair and inspection work orders',
  rating: 'Star-rating evaluation',
  ingest: 'Readings from gateways (HTTP with a device key; MQTT signed in as the key: gateway/<keyId>/compound/<id>/device/<deviceId>/telemetry)',
  admin: 'Administration (admin only): users, wall tokens, ingest keys, audit, compound import, MQTT status',
  auth: 'Signing in: session cookie or Bearer token',
  replay: 'The twin at a past moment, and what happened since',
  docs: 'This document',
};

const schemaOf = (s: SchemaRef, io: 'input' | 'output') => (typeof s === 'string' ? componentRef(s) : inlineSchema(s, io));

function operation(op: DeclaredOperation): Record<string, unknown> {
  const parameters: Record<string, unknown>[] = pathParams(op.path).map((name) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
    ...(op.params?.[name] ? { description: op.params[name] } : {}),
  }));
  if (op.query) {
    const q = inlineSchema(op.query, 'input') as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
    for (const [name, schema] of Object.entries(q.properties ?? {})) {
      const { description, ...rest } = schema;
      parameters.push({ name, in: 'query', required: q.required?.includes(name) ?? false, schema: rest, ...(description ? { description } : {}) });
    }
  }
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(op.responses)) {
    const doc = typeof r === 'string' ? { description: r } : r;
    const schema = doc.schema ?? (Number(status) >= 400 ? 'Error' : undefined);
    responses[status] = {
      description: doc.description,
      ...(schema
        ? { content: { [doc.contentType ?? 'application/json']: { schema: schemaOf(schema, 'output') } } }
        : doc.contentType
          ? { content: { [doc.contentType]: {} } }
          : {}),
    };
  }
  const id = `${op.method}${op.path.replace(/[:/{}-]+([a-zA-Z0-9])?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`;
  return {
    operationId: id,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: op.tags,
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: Object.fromEntries((op.bodyTypes ?? ['application/json']).map((t) => [t, { schema: schemaOf(op.body!, 'input') }])),
          },
        }
      : {}),
    responses,
    ...(op.security ? { security: op.security.map((s) => ({ [s]: [] })) } : {}),
    ...(op.deprecated ? { deprecated: true } : {}),
  };
}

export function buildOpenApiDocument(version: string): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  const used = new Set<string>();
  for (const op of declaredOperations()) {
    (paths[toOpenApiPath(op.path)] ??= {})[op.method] = operation(op);
    op.tags.forEach((t) => used.add(t));
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Compound Twin API',
      version,
      description:
        'REST API of the Compound Twin server: compounds and their live twin, device history, alarms, work orders, rating, ingest and administration. JSON everywhere; errors are `{"error": "..."}` naming the field and the problem. Realtime is Socket.IO on namespace `/twin` (see README).',
    },
    servers: [{ url: '/' }],
    tags: [...used].sort().map((name) => ({ name, description: TAGS[name] ?? name })),
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        apiKey: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Api-Key',
          description: 'A gateway key scoped to one compound (also accepted as Authorization: Bearer).',
        },
      },
    },
  };
}
