/**
 * 志愿者编号: the center's code and a per-center sequence (QH000-000061). The sequence lives in one
 * counter document per center, advanced by a conditional update (server side), so two registrations
 * never share a number.
 */
export function volunteerNumber(centerCode: string, seq: number): string {
  return `${centerCode}-${String(seq).padStart(6, '0')}`
}

/** The counter document's `_id` for a center. */
export const volunteerCounterId = (centerId: string): string => `volunteer-no:${centerId}`
