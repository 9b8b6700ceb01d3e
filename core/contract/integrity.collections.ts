import { collection } from './collection'

/** One stored integrity item. */
export interface IntegrityRecord {
  _id: string
  /** the unit it belongs to */
  unitId: string
  /** the unit's ancestors and the unit itself: a manager of any of them sees the item */
  unitPath: string[]
  title: string
  /** ms since the epoch */
  createdAt: number
}

export const integrity = collection<IntegrityRecord>()({
  name: 'integrity',
  description: 'The integrity context: one document per item, scoped to a unit.',
  indexes: [{ name: 'unitPath_createdAt', keys: { unitPath: 1, createdAt: -1 } }],
})
