// Loading an imported compound into the running server: the use case behind
// POST /api/v1/admin/compounds/import. Reads like the flow: import → check clashes → store →
// register → attach the live twin (→ a demo key), so the console can open ?compound=<id> at once.
import { describeIssues, ImportQuerySchema, summarizeCompound, type Compound, type CompoundSummary, type ImportReport } from '../../models';
import type { Db } from '../db/db';
import { upsertCompound } from '../db/compounds.repo';
import { createApiKey } from '../db/apiKeys.repo';
import type { Twins } from '../live/twins';
import type { KpiService } from '../kpi/kpi.service';
import { HttpError } from '../http/errors';
import { ImportBadInput, ImportError, ImportTooLarge } from './importErrors';
import { ImportWorker } from './importInWorker';
import { jsonTexts } from './compoundPieces';

export interface ImportOutcome {
  status: 'created' | 'replaced' | 'dry-run';
  compound: CompoundSummary;
  report: ImportReport;
  /** Where to look at it. */
  links: { console: string; twin: string };
  /** dryRun=true&preview=true: the compound as it would be stored, with `devices: []` (report.devices counts them), for the import screen to draw. */
  preview?: Compound;
}

export class CompoundImportService {
  /** Imports run one at a time: two imports of one id must not interleave store and register. */
  private queue: Promise<unknown> = Promise.resolve();
  /** The geometry runs there, off the event loop. */
  private readonly worker = new ImportWorker();
  /** Cluster mode: tells the other processes to load the compound (set by server/cluster/clusterMode.ts). */
  onImported: ((compoundId: string) => void) | null = null;

  constructor(
    private readonly db: Db,
    private readonly twins: Twins,
    private readonly kpis: KpiService,
    private readonly opts: { demo: boolean; log: (msg: string) => void },
  ) {}

  /** `body`: the request's JSON text (a GeoJSON document or the envelope {footprints, context?, edits?, redLine?}), parsed in the worker. */
  run(body: string, query: unknown): Promise<ImportOutcome> {
    const next = this.queue.then(() => this.importNow(body, query));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Stops the import worker (it is unref'd, so forgetting this never keeps the process alive). */
  close(): Promise<void> {
    return this.worker.close();
  }

  private async importNow(body: string, query: unknown): Promise<ImportOutcome> {
    const q = ImportQuerySchema.safeParse(query);
    if (!q.success) throw new HttpError(400, describeIssues('query', q.error).replace(/\n/g, '; '));
    const { replace, dryRun, preview, ...options } = q.data;
    let result;
    try {
      // Parsed, checked for bad text and counted in the worker, before any geometry.
      result = await this.worker.run(body, options);
    } catch (err) {
      if (err instanceof ImportError)
        throw new HttpError(err instanceof ImportTooLarge ? 413 : err instanceof ImportBadInput ? 400 : 422, err.message.replace(/\n/g, '; '));
      throw err;
    }
    const { compound, report } = result;
    const registry = this.twins.registry;
    const existing = registry.get(compound.id);
    if (existing && !replace) throw new HttpError(409, `compound "${compound.id}" already exists; send replace=true to replace it`);
    for (const d of compound.devices) {
      const owner = registry.compoundOfDevice(d.id);
      if (owner && owner !== compound.id)
        throw new HttpError(409, `device id "${d.id}" is already a device of compound "${owner}"; pass a different devicePrefix`);
    }
    const links = { console: `/?compound=${compound.id}`, twin: `/api/v1/compounds/${compound.id}/twin` };
    if (dryRun)
      return { status: 'dry-run', compound: summarizeCompound(compound), report, links, ...(preview ? { preview: { ...compound, devices: [] } } : {}) };

    await upsertCompound(this.db, compound, result.hash, jsonTexts(result.pieces));
    const entry = registry.set(compound);
    const twin = this.twins.attach(compound.id);
    // The snapshot a socket gets on join needs KPIs: compute them now rather than at the next tick.
    twin.kpis = await this.kpis.compute(compound.id);
    if (this.opts.demo) await createApiKey(this.db, compound.id, 'demo gateway', `demo-${compound.id}`);
    this.onImported?.(compound.id);
    this.opts.log(
      `[import] ${existing ? 'replaced' : 'created'} ${compound.id}: ${report.buildings} buildings, ${report.units} units, ${report.devices} devices, ${report.skipped.length} skipped`,
    );
    return { status: existing ? 'replaced' : 'created', compound: entry.summary, report, links };
  }
}
