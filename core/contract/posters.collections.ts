import { collection } from './collection'

/**
 * The stored poster of a unit's week, `_id` = `${unitId}:${weekStart}`: what it was drawn from (`key`, a
 * hash of its lines, the unit's name and code, and the layout's version) and where the PNG is. A request
 * whose content hashes the same reuses the file; otherwise a new file replaces it (the old one deleted).
 */
export interface PosterRecord {
  _id: string
  unitId: string
  /** the unit's ancestors and the unit itself */
  unitPath: string[]
  weekStart: string
  key: string
  fileId: string
  width: number
  height: number
  bytes: number
  createdAt: Date
  createdBy: string
}

export const posters = collection<PosterRecord>()({
  name: 'posters',
  description:
    '每周活动预告 posters: one per unit and week (_id = `${unitId}:${weekStart}`), the PNG in cloud storage and the hash of what it shows (reused while unchanged).',
  indexes: [],
  id: (unitId: string, weekStart: string): string => `${unitId}:${weekStart}`,
})
