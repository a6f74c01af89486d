/** The star-rating report (work in progress). */
export function RatingMode({ compoundId }: { compoundId: string }) {
  return <div data-testid="rating-report">{compoundId}</div>;
}
