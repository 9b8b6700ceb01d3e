/** Unit lookups every function shares (the network is read by activities, codes, notices, signin…). */
import { units } from '../core/contract/stations.collections'
import type { Unit } from '../core/domain'
import { from } from './db'
import type { Db } from './types'

export function loadUnit(db: Db, id: string): Promise<Unit | undefined> {
  return from(db, units).byId(id)
}

/**
 * The unit a record is held by, in the shape the scope checks take (`requireManagerOf`, `holdsOver`):
 * activities, attendance and service records all carry unitId, unitPath (ancestors + itself) and unitName.
 */
export function holdingUnit(r: { unitId: string; unitPath: string[]; unitName: string }) {
  return { _id: r.unitId, ancestors: r.unitPath.filter((id) => id !== r.unitId), name: r.unitName }
}
