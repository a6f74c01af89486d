import { none, type PolicyDeps } from '../http/policy';
import { secureRouter } from '../http/secureRouter';
import { buildOpenApiDocument, type OpenApiDocument } from './buildDocument';
import { describeRoute } from './describeRoute';
import { renderDocsPage } from './docsPage';

describeRoute('get', '/api/openapi.json', {
  summary: 'This OpenAPI 3.1 document',
  tags: ['docs'],
  responses: { 200: { description: 'the document', contentType: 'application/json' } },
});
describeRoute('get', '/api/docs', {
  summary: 'The API documentation as a page',
  tags: ['docs'],
  responses: { 200: { description: 'self-contained HTML', contentType: 'text/html' } },
});

/** Serves the OpenAPI document and its page to any signed-in user; built on first request, after every router declared its routes. */
export function openapiRouter(version: string, deps: PolicyDeps) {
  const r = secureRouter(deps);
  let doc: OpenApiDocument | null = null;
  let page: string | null = null;
  const get = () => (doc ??= buildOpenApiDocument(version));
  const signedIn = { gate: 'signed-in', compound: none(), masked: 'same' } as const;
  r.get('/openapi.json', signedIn, () => get());
  r.get('/docs', signedIn, (_req, res) => void res.type('html').send((page ??= renderDocsPage(get()))));
  return r.router;
}
