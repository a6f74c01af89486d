// Residents' repair requests (/repair): categories, limits and the public answers. No zod here: the
// resident's page imports these constants and must stay small (the schemas live in server/repair).

export const REPAIR_CATEGORIES = ['water', 'electric', 'elevator', 'door_access', 'lighting', 'drainage', 'public_facility', 'other'] as const;
export type RepairCategory = (typeof REPAIR_CATEGORIES)[number];

/** What a resident picks, in both languages (the work order's title uses the Chinese one). */
export const REPAIR_CATEGORY_LABELS: Record<RepairCategory, { zh: string; en: string }> = {
  water: { zh: '水管漏水', en: 'Water / leak' },
  electric: { zh: '电路电器', en: 'Electrical' },
  elevator: { zh: '电梯故障', en: 'Elevator' },
  door_access: { zh: '门禁单元门', en: 'Door / access' },
  lighting: { zh: '公共照明', en: 'Lighting' },
  drainage: { zh: '下水管道', en: 'Drainage' },
  public_facility: { zh: '公共设施', en: 'Public facility' },
  other: { zh: '其他', en: 'Other' },
};

/** A mainland-China mobile number. */
export const CN_MOBILE_RE = /^1[3-9]\d{9}$/;
export const REPAIR_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type RepairPhotoType = (typeof REPAIR_PHOTO_TYPES)[number];
/** The photo's size decoded (the page sends it resized to ≤ 1600 px JPEG, far below this). */
export const MAX_REPAIR_PHOTO_BYTES = 2 * 1024 * 1024;
export const REPAIR_DESCRIPTION = { min: 5, max: 1000 } as const;
export const MAX_REPAIR_ROOM = 20;
export const MAX_RATING_COMMENT = 500;

/** Abuse limits of the captcha-free demo flow, counted from the stored requests (survive restarts, hold across a cluster). */
export const REPAIR_LIMITS = {
  perPhonePerDay: 3,
  perAddressPerDay: 10,
  perIpPerHour: 10,
} as const;

/** GET /repair/places: what the form needs, nothing else (no households, no devices). */
export interface RepairPlaces {
  compoundId: string;
  name: string;
  nameEn: string | null;
  buildings: { id: string; number: string; name: string | null; units: { id: string; number: number }[] }[];
}

/** The resident's view of the work order's status: 已受理 / 处理中 / 已完成 / 已关闭. */
export const REPAIR_STATUSES = ['accepted', 'in_progress', 'done', 'closed'] as const;
export type RepairStatus = (typeof REPAIR_STATUSES)[number];
export const REPAIR_STATUS_LABELS: Record<RepairStatus, { zh: string; en: string }> = {
  accepted: { zh: '已受理', en: 'Accepted' },
  in_progress: { zh: '处理中', en: 'In progress' },
  done: { zh: '已完成', en: 'Done' },
  closed: { zh: '已关闭', en: 'Closed' },
};

/** 201 of POST /repair-requests: `token` is the resident's only way back to it (shown once, only its hash is stored). */
export interface RepairCreated {
  id: number;
  token: string;
  workOrderId: number;
  status: RepairStatus;
}

/** GET /repair-requests/:token. */
export interface RepairRequestStatus {
  id: number;
  workOrderId: number;
  compoundName: string;
  buildingNumber: string;
  unitNumber: number;
  room: string | null;
  category: RepairCategory;
  description: string;
  createdAt: number;
  status: RepairStatus;
  /** Status steps, oldest first (no staff names). */
  timeline: { at: number; status: RepairStatus }[];
  mayRate: boolean;
  rating: number | null;
  ratingComment: string | null;
  ratedAt: number | null;
}

/** GET /repair-requests?compound= (officers): the full phone to call back. */
export interface RepairRequestRow {
  id: number;
  compoundId: string;
  workOrderId: number;
  buildingId: string;
  unitId: string;
  room: string | null;
  category: RepairCategory;
  description: string;
  phone: string;
  hasPhoto: boolean;
  createdAt: number;
  workOrderStatus: string;
  rating: number | null;
}

/** Residents' satisfaction (回访评价) over rated work orders: what feeds the SLA and operations figures. */
export interface ResidentSatisfaction {
  requests: number;
  ratedCount: number;
  averageRating: number | null;
}
