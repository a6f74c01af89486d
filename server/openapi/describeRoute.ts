// The OpenAPI registry: each routes file declares its operations next to the routes themselves,
//
//   describeRoute('post', '/api/v1/alarms/:id/ack', { summary: 'Acknowledge an alarm', tags: ['alarms'],
//     body: AlarmActionSchema, responses: { 200: { description: 'the alarm', schema: 'Alarm' }, 409: 'already acknowledged' } });
//
// with the full public path in Express syntax (`:id`). The document (/api/openapi.json) is built from
// what was declared; a test walks the real app's router and fails naming every route not declared.
import type { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A schema for a body or response: a zod schema, or the name of a component in the document (`'Alarm'`, `'Alarm[]'`). */
export type SchemaRef = z.ZodType | string;

export interface ResponseDoc {
  description: string;
  schema?: SchemaRef;
  /** Media type when not JSON (e.g. text/html, text/csv). */
  contentType?: string;
}

export interface OperationDoc {
  summary: string;
  description?: string;
  tags: string[];
  /** Path parameters default to strings; describe them here when they need a word. */
  params?: Record<string, string>;
  /** A zod object (possibly refined) whose keys are the query parameters. */
  query?: z.ZodType;
  body?: SchemaRef;
  /** Media types the body may come as (default application/json). */
  bodyTypes?: string[];
  /** Status → description, or a full response. 4xx/5xx default to the shared Error schema. */
  responses: Record<number, string | ResponseDoc>;
  /** Security schemes that apply (names of components.securitySchemes), e.g. ['apiKey']. */
  security?: string[];
  deprecated?: boolean;
}

export interface DeclaredOperation extends OperationDoc {
  method: HttpMethod;
  /** Express syntax, full path: /api/v1/compounds/:id */
  path: string;
}

const registry = new Map<string, DeclaredOperation>();

export const operationKey = (method: string, path: string): string => `${method.toUpperCase()} ${path}`;

/** Declares (or re-declares: the last one wins, so factories may run twice) one operation. */
export function describeRoute(method: HttpMethod, path: string, doc: OperationDoc): void {
  if (!path.startsWith('/')) throw new Error(`describeRoute: path "${path}" must be the full path, starting with /`);
  registry.set(operationKey(method, path), { ...doc, method, path });
}

export function declaredOperations(): DeclaredOperation[] {
  return [...registry.values()].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** Express `:id` (and `:id?`) → OpenAPI `{id}`. */
export function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)\??/g, '{$1}');
}

export function pathParams(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
}
