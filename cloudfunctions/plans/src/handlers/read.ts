import { activities } from '../../../../core/contract/activities.collections'
import type { MonthKeyDateResult } from '../../../../core/contract/plans'
import { statsCounters } from '../../../../core/contract/stats.collections'
import { AppError } from '../../../../core/errors'
import { addMonths, monthKeyOf } from '../../../../core/notices/schedule'
import { emptyMonth, overlayThemes } from '../../../../core/plans/plan'
import { parseShanghaiDate } from '../../../../core/time'
import { grantedUnitIds, requireManagerOf } from '../../../../server/auth'
import { from } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import { loadUnit } from '../../../../server/units'
import { centerIdOf, latestPlan, loadSettings, monthView, requireCenter } from '../model'

const DAY_MS = 24 * 3600_000

async function requireManagedUnit(ctx: Parameters<Handler<'plans', 'themes'>>[1], unitId: string) {
  const unit = await loadUnit(ctx.db, unitId)
  if (!unit || unit.retired) throw new AppError('NOT_FOUND', '没有找到这个单位，可能已撤销')
  requireManagerOf(ctx.caller, unit)
  return unit
}

/** The month themes of the unit's center for this year and next: the plan's, else the notice settings'. */
export const themes: Handler<'plans', 'themes'> = async (input, ctx) => {
  const unit = await requireManagedUnit(ctx, input.unitId)
  const centerId = centerIdOf(unit)
  const year = monthKeyOf(ctx.now()).slice(0, 4)
  const next = String(Number(year) + 1)
  const [a, b, settings] = await Promise.all([
    latestPlan(ctx.db, centerId, year),
    latestPlan(ctx.db, centerId, next),
    loadSettings(ctx.db, centerId),
  ])
  return {
    centerId,
    themes: overlayThemes(settings?.themes ?? [], [...(a?.months ?? []), ...(b?.months ?? [])]),
  }
}

/**
 * A unit's month: the plan's theme and key dates against what was held. Reads only indexed ranges and
 * the statistics counters: the unit-year counter (场次), one count of the unit's themed activities in
 * the month (index unitPath + start), one count per key date of the responsible unit's activities that
 * day (same index).
 */
export const month: Handler<'plans', 'month'> = async (input, ctx) => {
  const { db, _ } = ctx
  const unitId = input.unitId ?? grantedUnitIds(ctx.caller, 'manager')[0]
  if (!unitId) throw new AppError('FORBIDDEN', '您还不是任何单位的专管员')
  const unit = await requireManagedUnit(ctx, unitId)
  const centerId = centerIdOf(unit)
  const year = input.month.slice(0, 4)
  const from0 = parseShanghaiDate(`${input.month}-01`)
  const to0 = parseShanghaiDate(`${addMonths(input.month, 1)}-01`)
  const [center, plan, settings, counter, themed] = await Promise.all([
    requireCenter(db, centerId),
    latestPlan(db, centerId, year),
    loadSettings(db, centerId),
    from(db, statsCounters).byId(statsCounters.id(unit._id, year)),
    from(db, activities).count({
      unitPath: unit._id,
      start: _.gte(from0).and(_.lt(to0)),
      status: 'published',
      inMonthTheme: true,
    }),
  ])
  const stored = plan?.months.find((m) => m.month === input.month) ?? emptyMonth(input.month)
  const view = monthView(stored, center, settings)
  const keyDates: MonthKeyDateResult[] = await Promise.all(
    view.keyDates.map(async (k) => {
      const dayStart = parseShanghaiDate(k.date)
      const held = await from(db, activities).count({
        unitPath: k.unitId,
        start: _.gte(dayStart).and(_.lt(new Date(dayStart.getTime() + DAY_MS))),
        status: 'published',
      })
      return { ...k, held }
    }),
  )
  return {
    unitId: unit._id,
    unitName: unit.name,
    centerId,
    month: input.month,
    theme: stored.theme ?? view.fallbackTheme,
    keyDates,
    activities: counter?.m?.[`m${input.month.slice(5, 7)}`]?.activities ?? 0,
    themed,
  }
}
