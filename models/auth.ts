import { z } from 'zod';

/**
 * Roles: officer acts on alarms and work orders; evaluator reads (personal data masked) and exports
 * ratings; wall is a read-only display reached by token; admin manages users, device keys and compounds.
 */
export const ROLES = ['admin', 'officer', 'evaluator', 'wall'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** What a request or socket event wants to do; `can()` decides it for a role. `operate` is any other change an officer makes. */
export const ACTIONS = ['read', 'alarm:act', 'workorder:manage', 'operate', 'rating:export', 'compound:edit', 'admin'] as const;
export type Action = (typeof ACTIONS)[number];

const ALLOWED: Record<Role, readonly Action[]> = {
  admin: ACTIONS,
  officer: ['read', 'alarm:act', 'workorder:manage', 'operate', 'rating:export'],
  evaluator: ['read', 'rating:export'],
  wall: ['read'],
};

/** The signed-in principal as the API describes it (never a password or token). */
export interface AuthUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** Compound ids this user may see; `['*']` means all (admins). */
  compounds: string[];
}

/** `GET /api/v1/me`. */
export interface Me {
  user: AuthUser;
  /** Epoch ms when this session ends. */
  expiresAt: number;
  /** Demo accounts exist: the UI shows a banner. */
  demo: boolean;
  /** Personal data (per-household devices) is shown aggregated. */
  masked: boolean;
}

/** True when `user` may do `action` on `compoundId` (or on anything, when no compound is named). */
export function can(user: Pick<AuthUser, 'role' | 'compounds'>, action: Action, compoundId?: string): boolean {
  if (!ALLOWED[user.role].includes(action)) return false;
  return compoundId === undefined || inScope(user, compoundId);
}

/** True when the user's compound scope covers `compoundId`. */
export function inScope(user: Pick<AuthUser, 'compounds'>, compoundId: string): boolean {
  return user.compounds.includes('*') || user.compounds.includes(compoundId);
}

/** Who sees households only in aggregate: evaluators always; walls (their token sits in a URL) unless it was issued with households shown. */
export const isMasked = (u: { role: Role; showHouseholds?: boolean }): boolean => u.role === 'evaluator' || (u.role === 'wall' && !u.showHouseholds);

const UsernameSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.@-]*$/, 'usernames are letters, digits, _ . @ or -');
const CompoundScopeSchema = z
  .array(z.string().regex(/^(\*|[a-z0-9][a-z0-9_-]{0,63})$/, 'a compound id or "*"'))
  .min(1)
  .max(200);
/** At least 10 characters: long passphrases beat composition rules. */
const PasswordSchema = z.string().min(10, 'passwords need at least 10 characters').max(256);

export const LoginSchema = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const WallTokenLoginSchema = z.strictObject({ token: z.string().min(8).max(200) });

export const UserCreateSchema = z.strictObject({
  username: UsernameSchema,
  displayName: z.string().trim().min(1).max(64).optional(),
  role: RoleSchema.exclude(['wall']),
  compounds: CompoundScopeSchema,
  password: PasswordSchema,
});

export const UserUpdateSchema = z.strictObject({
  displayName: z.string().trim().min(1).max(64).optional(),
  role: RoleSchema.exclude(['wall']).optional(),
  compounds: CompoundScopeSchema.optional(),
  password: PasswordSchema.optional(),
  disabled: z.boolean().optional(),
});

/** A wall display: a read-only principal reached by a long random token. */
export const WallTokenCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(64),
  compounds: CompoundScopeSchema,
  /** Days until the token stops working; omitted = until revoked. */
  expiresInDays: z.int().min(1).max(3650).optional(),
  /** Show per-household devices unmasked (an indoor command-centre screen). Off by default: the token sits in a URL, so the wall sees what an evaluator sees. */
  showHouseholds: z.boolean().optional(),
});

export const ApiKeyCreateSchema = z.strictObject({
  compoundId: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/),
  name: z.string().trim().min(1).max(64),
});

/** A user as admins list them. */
export interface UserRecord extends AuthUser {
  disabled: boolean;
  createdAt: number;
  lastLoginAt: number | null;
}

/** A wall token as admins list it; the token itself is shown once, at creation. */
export interface WallTokenRecord {
  id: number;
  name: string;
  compounds: string[];
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
  /** Households shown unmasked on this display. */
  showHouseholds: boolean;
}

export interface AuditEntry {
  id: number;
  at: number;
  actor: string;
  action: string;
  target: string | null;
  detail: unknown;
  ip: string | null;
}
