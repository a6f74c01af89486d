import { z } from 'zod';
import {
  CN_MOBILE_RE,
  MAX_RATING_COMMENT,
  MAX_REPAIR_PHOTO_BYTES,
  MAX_REPAIR_ROOM,
  REPAIR_CATEGORIES,
  REPAIR_DESCRIPTION,
  REPAIR_PHOTO_TYPES,
} from '../../models';

/** Base64 of at most MAX_REPAIR_PHOTO_BYTES (4 characters per 3 bytes, padding included). */
const MAX_PHOTO_B64 = Math.ceil(MAX_REPAIR_PHOTO_BYTES / 3) * 4;

export const RepairPhotoSchema = z.strictObject({
  contentType: z.enum(REPAIR_PHOTO_TYPES),
  data: z
    .string()
    .min(16, 'the photo is empty')
    .max(MAX_PHOTO_B64 + 1_000, `the photo is over ${MAX_REPAIR_PHOTO_BYTES / 1024 / 1024} MB`)
    .regex(/^[A-Za-z0-9+/\s]+={0,2}$/, 'not base64'),
});

export const RepairRequestCreateSchema = z.strictObject({
  compoundId: z.string().min(1).max(64),
  buildingId: z.string().min(1).max(64),
  unitId: z.string().min(1).max(64),
  room: z.string().trim().max(MAX_REPAIR_ROOM).optional(),
  category: z.enum(REPAIR_CATEGORIES),
  description: z.string().trim().min(REPAIR_DESCRIPTION.min).max(REPAIR_DESCRIPTION.max),
  phone: z.string().trim().regex(CN_MOBILE_RE, 'a mainland-China mobile number: 11 digits starting 13–19'),
  photo: RepairPhotoSchema.optional(),
  /**
   * The resident's secret, made by the page (32 random bytes, base64url) so that a retry after a lost answer is the
   * same request, not a second one; without it the server makes one.
   */
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, '32 random bytes, base64url (43 characters)')
    .optional(),
});
export type RepairRequestCreate = z.infer<typeof RepairRequestCreateSchema>;

export const RepairRatingSchema = z.strictObject({
  rating: z.int().min(1).max(5),
  comment: z.string().trim().max(MAX_RATING_COMMENT).optional(),
});

export const RepairPlacesQuerySchema = z.strictObject({ compound: z.string().min(1).max(64) });
export const RepairListQuerySchema = z.strictObject({
  compound: z.string().max(64).optional(),
  workOrderId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
