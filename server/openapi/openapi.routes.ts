import { Router } from 'express';
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

/** Serves the OpenAPI document and its page; built on first request, after every router declared its routes. */
export function openapiRouter(version: string): Router {
  const r = Router();
  let doc: OpenApiDocument | null = null;
  let page: string | null = null;
  const get = () => (doc ??= buildOpenApiDocument(version));
  r.get('/openapi.json', (_req, res) => void res.json(get()));
  r.get('/docs', (_req, res) => void res.type('html').send((page ??= renderDocsPage(get()))));
  return r;
}
