// /api/docs: the OpenAPI document as one self-contained HTML page (no scripts, no CDN — the
// servers this runs on often have no internet), grouped by tag, schemas folded under <details>.
import type { OpenApiDocument } from './buildDocument';

const esc = (s: unknown): string => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
/** `code` spans in descriptions, nothing else of Markdown. */
const md = (s: unknown): string => esc(s).replace(/`([^`]+)`/g, '<code>$1</code>');
const json = (v: unknown) => `<pre>${esc(JSON.stringify(v, null, 2))}</pre>`;

interface Op {
  summary: string;
  description?: string;
  tags: string[];
  parameters?: { name: string; in: string; required: boolean; schema: unknown; description?: string }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema?: unknown }> }>;
}

const typeOf = (s: unknown): string => {
  const o = s as { type?: string; enum?: unknown[]; $ref?: string; anyOf?: unknown[] };
  if (o?.$ref) return o.$ref.split('/').pop()!;
  if (o?.enum) return o.enum.map(String).join(' | ');
  if (o?.anyOf) return o.anyOf.map(typeOf).join(' | ');
  return o?.type ?? 'any';
};

function renderOp(method: string, path: string, op: Op): string {
  const anchor = `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, '-');
  const params = op.parameters?.length
    ? `<table><tr><th>parameter</th><th>in</th><th>type</th><th></th></tr>${op.parameters
        .map(
          (p) =>
            `<tr><td><code>${esc(p.name)}</code>${p.required ? ' <b>*</b>' : ''}</td><td>${esc(p.in)}</td><td>${esc(typeOf(p.schema))}${(p.schema as { default?: unknown })?.default !== undefined ? ` = ${esc(JSON.stringify((p.schema as { default?: unknown }).default))}` : ''}</td><td>${md(p.description ?? '')}</td></tr>`,
        )
        .join('')}</table>`
    : '';
  const body = op.requestBody
    ? Object.entries(op.requestBody.content)
        .map(([t, c]) => `<details><summary>request body <code>${esc(t)}</code>: ${esc(typeOf(c.schema))}</summary>${json(c.schema)}</details>`)
        .join('')
    : '';
  const responses = Object.entries(op.responses)
    .map(([status, r]) => {
      const c = r.content ? Object.entries(r.content)[0] : undefined;
      const shape = c?.[1]?.schema ? ` → <code>${esc(typeOf(c[1].schema))}</code>` : c ? ` → <code>${esc(c[0])}</code>` : '';
      return `<li><span class="st s${status[0]}">${esc(status)}</span> ${md(r.description)}${shape}</li>`;
    })
    .join('');
  return `<section class="op" id="${anchor}"><h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${esc(path)}</code> <a href="#${anchor}">#</a></h3>
<p class="summary">${md(op.summary)}</p>${op.description ? `<p>${md(op.description)}</p>` : ''}${params}${body}<ul class="responses">${responses}</ul></section>`;
}

export function renderDocsPage(doc: OpenApiDocument): string {
  const byTag = new Map<string, string[]>();
  let count = 0;
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item) as unknown as [string, Op][]) {
      count++;
      const tag = op.tags[0] ?? 'other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)!.push(renderOp(method, path, op));
    }
  }
  const tags = doc.tags.filter((t) => byTag.has(t.name));
  const nav = tags.map((t) => `<a href="#tag-${esc(t.name)}">${esc(t.name)} (${byTag.get(t.name)!.length})</a>`).join(' · ');
  const sections = tags
    .map((t) => `<h2 id="tag-${esc(t.name)}">${esc(t.name)} <small>${esc(t.description)}</small></h2>${byTag.get(t.name)!.join('\n')}`)
    .join('\n');
  const schemas = Object.entries(doc.components.schemas)
    .map(([name, s]) => `<details id="schema-${esc(name)}"><summary><code>${esc(name)}</code></summary>${json(s)}</details>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.info.title)} ${esc(doc.info.version)}</title><style>
body{font:15px/1.5 system-ui,-apple-system,"Noto Sans CJK SC",sans-serif;max-width:1040px;margin:0 auto;padding:24px;color:#1d2733;background:#fbfcfd}
h1{margin:0 0 4px}h2{margin-top:36px;border-bottom:2px solid #dde3ea;padding-bottom:4px}h2 small{font-weight:normal;color:#5b6b7c;font-size:14px}
.op{border:1px solid #dde3ea;border-radius:6px;padding:8px 14px;margin:12px 0;background:#fff}.op h3{margin:4px 0;font-size:16px}.op h3 a{color:#aab;text-decoration:none}
.m{display:inline-block;min-width:58px;text-align:center;border-radius:4px;color:#fff;font-size:13px;padding:1px 6px;margin-right:6px}
.get{background:#2f7ed8}.post{background:#2e9e5b}.patch{background:#c98a12}.put{background:#8a5cc9}.delete{background:#c9412e}
.summary{font-weight:600;margin:4px 0}table{border-collapse:collapse;margin:6px 0}td,th{border:1px solid #e3e8ee;padding:2px 8px;text-align:left;font-size:14px}
pre{background:#f3f5f8;padding:8px;overflow:auto;font-size:12px;max-height:420px}code{background:#f0f2f5;padding:0 3px;border-radius:3px}
.st{display:inline-block;min-width:34px;font-weight:600}.s2{color:#2e9e5b}.s4{color:#c98a12}.s5{color:#c9412e}ul.responses{margin:6px 0;padding-left:18px}
nav{position:sticky;top:0;background:#fbfcfd;padding:6px 0;border-bottom:1px solid #dde3ea}
</style></head><body><h1>${esc(doc.info.title)} <small>${esc(doc.info.version)}</small></h1><p>${md(doc.info.description)}</p>
<p>${count} operations · machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${esc(doc.openapi)})</p>
<nav>${nav} · <a href="#schemas">schemas</a></nav>${sections}<h2 id="schemas">Schemas</h2>${schemas}</body></html>`;
}
