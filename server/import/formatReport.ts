import type { ImportReport } from '../../models';

/** The import report as a person reads it in a terminal. */
export function formatReport(r: ImportReport, out?: string): string {
  const c = r.context;
  const lines = [
    `Imported ${r.compoundId} (${r.crs.toUpperCase()}), origin ${r.origin.lat}, ${r.origin.lon}; red line: ${r.redLine}`,
    `  profile: ${r.profile} (${r.profileReason}); crs: ${r.crs} (${r.crsReason})`,
    `  ${r.features} features → ${r.buildings} buildings (${r.residentialBuildings} residential), ${r.holes} courtyard hole(s), ${r.units} units, ${r.households} households, ${r.devices} devices`,
    `  uses: ${Object.entries(r.uses)
      .map(([u, n]) => `${n} ${u}`)
      .join(', ')}`,
    `  context: ${c.roads} roads, ${c.water} water, ${c.green} green, ${c.landuse} land use, ${c.neighbours} neighbours`,
    `  rules:`,
    ...r.rules.filter((x) => x.taken || x.skipped).map((x) => `    ${x.rule}: ${x.taken} taken, ${x.skipped} skipped`),
  ];
  const kinds = Object.entries(r.skippedByKind).filter(([, n]) => n > 0);
  if (kinds.length) {
    lines.push(`  skipped: ${kinds.map(([k, n]) => `${n} ${k.replace(/_/g, ' ')}`).join(', ')}`);
    for (const s of r.skipped) lines.push(`    feature ${s.index}${s.part ? ` part ${s.part}` : ''}: ${s.reason}`);
  }
  if (r.warnings.length) {
    lines.push(`  warnings:`);
    for (const w of r.warnings) lines.push(`    ${w.index !== undefined ? `feature ${w.index}: ` : ''}${w.message}`);
  }
  if (out) lines.push(`  written to ${out}`);
  return lines.join('\n');
}
