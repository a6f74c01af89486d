import type { z } from 'zod';

/** The largest row id (a PostgreSQL int): anything past it names no row and must not reach SQL. */
export const MAX_ROW_ID = 2_147_483_647;

/** One line per issue: `where: field.path: message`, for errors a person can act on. */
export function describeIssues(where: string, error: z.ZodError, limit = 20): string {
  const lines = error.issues.slice(0, limit).map((i) => {
    const path = i.path.length
      ? i.path
          .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
          .join('')
          .replace(/^\./, '')
      : '(root)';
    return `${where}: ${path}: ${i.message}`;
  });
  if (error.issues.length > limit) lines.push(`${where}: … and ${error.issues.length - limit} more`);
  return lines.join('\n');
}

/** JSON.parse reviver-free check: rejects objects carrying prototype-polluting keys anywhere. */
export function findForbiddenKey(value: unknown, depth = 0): string | null {
  if (depth > 64) return '(nesting deeper than 64)';
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (const v of value) {
      const k = findForbiddenKey(v, depth + 1);
      if (k) return k;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') return key;
    const k = findForbiddenKey((value as Record<string, unknown>)[key], depth + 1);
    if (k) return k;
  }
  return null;
}
