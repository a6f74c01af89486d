import type { StaffMember, Team } from '../../models/staff';
import type { Lang } from '../i18n/translate';

/** A staff member's or team's name in the console's language (English names where the directory has one). */
export const staffName = (lang: Lang, x: Pick<StaffMember | Team, 'name' | 'nameEn'>): string => (lang === 'en' && x.nameEn ? x.nameEn : x.name);

/** The assignee of an order as shown: the English name when there is one, else the name stored with it (older orders: the text typed then). */
export const assigneeLabel = (lang: Lang, w: { assignee: string | null; assigneeNameEn?: string | null }): string | null =>
  lang === 'en' && w.assigneeNameEn ? w.assigneeNameEn : w.assignee;
