// The import screen's calls: a dry run with the preview compound, then the save, both through the
// admin endpoint (POST /api/v1/admin/compounds/import) with the envelope body.
import type { Compound, CompoundSummary } from '../../models/compound';
import type { ImportEdits, ImportReport } from '../../models/geojsonImport';
import { request } from '../live/api';

export interface ImportOutcome {
  status: 'created' | 'replaced' | 'dry-run';
  compound: CompoundSummary;
  report: ImportReport;
  links: { console: string; twin: string };
  /** With dryRun and preview: the compound as it would be stored, devices left out. */
  preview?: Compound;
}

/** The form's options, as text (the query string carries them). Empty values are left out. */
export type ImportFormOptions = Record<string, string | boolean>;

export interface ImportBody {
  footprints: unknown;
  context?: unknown;
  edits?: ImportEdits;
  /** A drawn red line, [lon, lat] in WGS84. */
  redLine?: [number, number][];
  redLineCrs?: 'wgs84';
}

export function importQuery(options: ImportFormOptions, extra: Record<string, string>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(options)) {
    if (typeof v === 'boolean') q.set(k, String(v));
    else if (v.trim()) q.set(k, v.trim());
  }
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

export const importApi = {
  preview: (options: ImportFormOptions, body: ImportBody, signal?: AbortSignal) =>
    request<ImportOutcome>(`/api/v1/admin/compounds/import?${importQuery(options, { dryRun: 'true', preview: 'true' })}`, {
      method: 'POST',
      body: JSON.stringify(body),
      signal,
    }),
  save: (options: ImportFormOptions, body: ImportBody, replace: boolean) =>
    request<ImportOutcome>(`/api/v1/admin/compounds/import?${importQuery(options, { replace: String(replace) })}`, {
      method: 'POST',
      body: JSON.stringify(body),
    }),
};

/** The preview with the admin's edits applied, so names and tints show before the next dry run. */
export function applyEdits(c: Compound, edits: ImportEdits['buildings']): Compound {
  if (!Object.keys(edits).length) return c;
  return {
    ...c,
    buildings: c.buildings.map((b) => {
      const e = edits[b.id];
      if (!e) return b;
      const next = { ...b, ...(e.number ? { number: e.number } : {}), ...(e.use ? { use: e.use } : {}) };
      if (e.name !== undefined) {
        if (e.name) next.name = e.name;
        else delete next.name;
      }
      return next;
    }),
  };
}
