import { z } from 'zod';
import { MAX_ROW_ID } from './validation';

/** What a staff member does: the trades a compound's property service dispatches work to. */
export const STAFF_TRADES = ['electrician', 'plumber', 'security', 'property', 'cleaning', 'hvac', 'general'] as const;
export type StaffTrade = (typeof STAFF_TRADES)[number];

const CompoundId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'a compound id');
const Name = z.string().trim().min(1, 'a name is required').max(64);
const RowId = z.int().positive().max(MAX_ROW_ID);
/** A phone number as people write it: digits with an optional +, spaces and dashes. */
const Phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 -]{4,19}$/, 'a phone number: digits, optional + , spaces or dashes (5–20 characters)');

export const TeamCreateSchema = z.strictObject({ compoundId: CompoundId, name: Name, nameEn: Name.optional() });
export const TeamUpdateSchema = z
  .strictObject({ name: Name.optional(), nameEn: Name.nullable().optional(), active: z.boolean().optional() })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change: give name, nameEn or active');

export const StaffCreateSchema = z.strictObject({
  compoundId: CompoundId,
  name: Name,
  nameEn: Name.optional(),
  trade: z.enum(STAFF_TRADES),
  teamId: RowId.nullable().optional(),
  phone: Phone.optional(),
});
export const StaffUpdateSchema = z
  .strictObject({
    name: Name.optional(),
    nameEn: Name.nullable().optional(),
    trade: z.enum(STAFF_TRADES).optional(),
    teamId: RowId.nullable().optional(),
    phone: Phone.nullable().optional(),
    /** false deactivates: kept for the history of the orders they worked, no longer offered as an assignee. */
    active: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change: give name, nameEn, trade, teamId, phone or active');
export const StaffQuerySchema = z.strictObject({ inactive: z.enum(['true', 'false']).optional() });

export type TeamCreate = z.infer<typeof TeamCreateSchema>;
export type TeamUpdate = z.infer<typeof TeamUpdateSchema>;
export type StaffCreate = z.infer<typeof StaffCreateSchema>;
export type StaffUpdate = z.infer<typeof StaffUpdateSchema>;

export interface Team {
  id: number;
  compoundId: string;
  name: string;
  nameEn: string | null;
  active: boolean;
}

export interface StaffMember {
  id: number;
  compoundId: string;
  name: string;
  nameEn: string | null;
  trade: StaffTrade;
  teamId: number | null;
  phone: string | null;
  active: boolean;
}

/** GET /compounds/:id/staff: whom the compound's work orders can go to. */
export interface StaffDirectory {
  compoundId: string;
  teams: Team[];
  staff: StaffMember[];
}

/** How a work order names its assignee in the API: `staff:<id>` or `team:<id>` of the order's compound. */
export const ASSIGNEE_REF_RE = /^(staff|team):([1-9][0-9]{0,9})$/;
export type AssigneeKind = 'staff' | 'team';
export const assigneeRef = (kind: AssigneeKind, id: number): string => `${kind}:${id}`;
export function parseAssigneeRef(s: string): { kind: AssigneeKind; id: number } | null {
  const m = ASSIGNEE_REF_RE.exec(s);
  return m ? { kind: m[1] as AssigneeKind, id: Number(m[2]) } : null;
}

/** "138****5678": the middle of a phone number hidden. */
export function maskPhone(p: string): string {
  const digits = p.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}
