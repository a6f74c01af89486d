import type { OperationsSummary, ReliabilityRow } from '../../models/operations';

/** Failures, MTTR and availability of the whole compound: the API's `upkeep.overall` row. */
export function overallReliability(s: OperationsSummary): Pick<ReliabilityRow, 'failures' | 'mttrMin' | 'availability'> {
  return s.upkeep.overall;
}
