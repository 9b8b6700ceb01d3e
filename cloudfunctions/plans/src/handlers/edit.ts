import { plans, type PlanVersionDoc } from '../../../../core/contract/plans.collections'
import { units } from '../../../../core/contract/stations.collections'
import { AppError } from '../../../../core/errors'
import {
  emptyYearMonths,
  isDateInMonth,
  type StoredKeyDate,
  type StoredPlanMonth,
} from '../../../../core/plans/plan'
import { requireManagerOf } from '../../../../server/auth'
import { from } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import type { Db } from '../../../../server/types'
import { checkContent, latestPlan, planView, requireCenter } from '../model'

const STALE = '年度计划刚被别人修改过，请重新打开后再改'

/** Inserts version n+1 built from the latest months; false when another save took n+1 first. */
async function insertVersion(
  db: Db,
  base: PlanVersionDoc | undefined,
  centerId: string,
  year: string,
  months: StoredPlanMonth[],
  changedMonths: string[],
  openid: string,
  now: Date,
): Promise<PlanVersionDoc | undefined> {
  const version = (base?.version ?? 0) + 1
  const doc: PlanVersionDoc = {
    _id: plans.id(centerId, year, version),
    planKey: plans.key(centerId, year),
    centerId,
    unitPath: [centerId],
    year,
    version,
    months,
    changedMonths,
    createdAt: now,
    createdBy: openid,
  }
  const res = await from(db, plans).insertUnique(doc)
  return res.inserted ? doc : undefined
}

/** One month of the plan saved as a new version; every problem is found before anything is written. */
export const setMonth: Handler<'plans', 'setMonth'> = async (input, ctx) => {
  const { db, _, caller, openapi, now } = ctx
  const center = await requireCenter(db, input.centerId)
  requireManagerOf(caller, center)
  const year = input.month.slice(0, 4)

  const problems: Record<string, string> = {}
  input.keyDates.forEach((k, i) => {
    if (!isDateInMonth(k.date, input.month)) {
      problems[`keyDates.${i}.date`] = `重要日期「${k.title}」不在 ${input.month} 这个月里`
    }
  })
  const wanted = [
    ...new Set([
      ...input.keyDates.map((k) => k.unitId),
      ...(input.practiceDayUnitId ? [input.practiceDayUnitId] : []),
    ]),
  ]
  const found = wanted.length
    ? await from(db, units).find((q) =>
        q.where({ _id: _.in(wanted) }).field({ name: true, level: true, ancestors: true, retired: true }),
      )
    : []
  const inCenter = new Map(
    found
      .filter((u) => !u.retired && (u._id === center._id || u.ancestors?.[0] === center._id))
      .map((u) => [u._id, u.name]),
  )
  const outside = '责任单位不在本实践中心之内，或已撤销，请重新选择'
  input.keyDates.forEach((k, i) => {
    if (!inCenter.has(k.unitId)) problems[`keyDates.${i}.unitId`] ??= outside
  })
  if (input.practiceDayUnitId && !inCenter.has(input.practiceDayUnitId)) problems.practiceDayUnitId = outside
  const entries = Object.entries(problems)
  if (entries.length) throw new AppError('INVALID_INPUT', entries[0]![1], problems)

  await checkContent(openapi, caller.openid, [input.theme, ...input.keyDates.map((k) => k.title)])

  const latest = await latestPlan(db, center._id, year)
  if ((latest?.version ?? 0) !== input.baseVersion) throw new AppError('CONFLICT', STALE)
  const keyDates: StoredKeyDate[] = input.keyDates
    .map((k) => ({ ...k, unitName: inCenter.get(k.unitId)! }))
    .sort((a, b) => a.date.localeCompare(b.date))
  const month: StoredPlanMonth = {
    month: input.month,
    theme: input.theme || null,
    keyDates,
    practiceDayUnitId: input.practiceDayUnitId,
    practiceDayUnitName: input.practiceDayUnitId ? inCenter.get(input.practiceDayUnitId)! : null,
  }
  const months = (latest?.months ?? emptyYearMonths(year)).map((m) => (m.month === input.month ? month : m))
  const saved = await insertVersion(db, latest, center._id, year, months, [input.month], caller.openid, now())
  if (!saved) throw new AppError('CONFLICT', STALE)
  return planView(ctx, center, year, true, saved)
}

/**
 * Month themes on top of the latest version (the practice-day settings page writes the plan's themes
 * through this). A save racing another is retried from the newer version, a few times.
 */
export const setThemes: Handler<'plans', 'setThemes'> = async (input, ctx) => {
  const { db, caller, openapi, now } = ctx
  const center = await requireCenter(db, input.centerId)
  requireManagerOf(caller, center)
  await checkContent(
    openapi,
    caller.openid,
    input.themes.map((t) => t.theme),
  )
  const years = [...new Set(input.themes.map((t) => t.month.slice(0, 4)))].sort()
  let version = 0
  for (const year of years) {
    const changes = new Map(
      input.themes.filter((t) => t.month.startsWith(year)).map((t) => [t.month, t.theme]),
    )
    for (let attempt = 0; ; attempt++) {
      const latest = await latestPlan(db, center._id, year)
      const before = latest?.months ?? emptyYearMonths(year)
      const changed = before.filter((m) => changes.has(m.month) && (m.theme ?? '') !== changes.get(m.month))
      if (changed.length === 0) {
        version = latest?.version ?? 0
        break
      }
      const months = before.map((m) =>
        changes.has(m.month) ? { ...m, theme: changes.get(m.month) || null } : m,
      )
      const saved = await insertVersion(
        db,
        latest,
        center._id,
        year,
        months,
        changed.map((m) => m.month),
        caller.openid,
        now(),
      )
      if (saved) {
        version = saved.version
        break
      }
      if (attempt >= 2) throw new AppError('CONFLICT', STALE)
    }
  }
  return { version }
}
