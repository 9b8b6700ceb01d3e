import { collection } from './collection'

/** One stored posters item. */
export interface PostersRecord {
  _id: string
  /** the unit it belongs to */
  unitId: string
  /** the unit's ancestors and the unit itself: a manager of any of them sees the item */
  unitPath: string[]
  title: string
  /** ms since the epoch */
  createdAt: number
}

export const posters = collection<PostersRecord>()({
  name: 'posters',
  description: 'The posters context: one document per item, scoped to a unit.',
  indexes: [{ name: 'unitPath_createdAt', keys: { unitPath: 1, createdAt: -1 } }],
})
