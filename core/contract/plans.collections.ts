/**
 * The plans context (年度计划): a center's annual plan as immutable versions. Each save inserts the
 * whole year as version n+1 (`_id` `<centerId>:<year>:v<n>`): the insert is the conflict check (two saves
 * from version n: one wins) and the versions are the audit trail (who changed which months, when).
 * The current plan is the highest version, one indexed read.
 */
import type { StoredPlanMonth } from '../plans/plan'
import { collection } from './collection'

export interface PlanVersionDoc {
  /** '<centerId>:<YYYY>:v<version>' */
  _id: string
  /** '<centerId>:<YYYY>' */
  planKey: string
  centerId: string
  /** [centerId]: the plan belongs to the center */
  unitPath: string[]
  /** 'YYYY' */
  year: string
  /** 1, 2, … */
  version: number
  /** the twelve months, January first */
  months: StoredPlanMonth[]
  /** 'YYYY-MM' of the months this version changed */
  changedMonths: string[]
  createdAt: Date
  /** openid of the editor */
  createdBy: string
}

export const plans = collection<PlanVersionDoc>()({
  name: 'plans',
  description:
    "年度计划: a center's annual plan (month themes, key dates with responsible units) as immutable versions, _id = `${centerId}:${year}:v${version}`; the insert of version n+1 is the conflict check, the versions are the audit trail; the current plan is the highest version.",
  indexes: [{ name: 'planKey_version', keys: { planKey: 1, version: -1 } }],
  /** '<centerId>:<YYYY>' */
  key: (centerId: string, year: string): string => `${centerId}:${year}`,
  /** '<centerId>:<YYYY>:v<version>' */
  id: (centerId: string, year: string, version: number): string => `${centerId}:${year}:v${version}`,
})
