import { WEEK_LIST_MAX, type EditableActivity, type ManagedUnit } from '../../../../core/contract/activities'
import { activities } from '../../../../core/contract/activities.collections'
import { units as unitsSpec } from '../../../../core/contract/stations.collections'
import { UNIT_LEVELS, type Activity, type Unit } from '../../../../core/domain'
import { AppError } from '../../../../core/errors'
import { grantedUnitIds, requireManagerOf } from '../../../../server/auth'
import { from } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import { holdingUnit, loadUnit } from '../../../../server/units'
import { epochMs, weekKey } from '../../../../core/time'
import { weekBounds, weekStartOf } from '../../../../core/activities/week'
import { loadActivity, MANAGED_FIELDS, toManaged, weekInfo } from './docs'

/** How many units the publish form offers (a center of a whole city needs a search instead: see docs). */
const EDITOR_UNITS_MAX = 300

/** A manager's week: every activity of the units they manage (each with its subtree), with counts. */
export const managed: Handler<'activities', 'managed'> = async (input, { db, _, caller, now }) => {
  const serverNow = now()
  let scope: string[]
  if (input.unitId) {
    const unit = await loadUnit(db, input.unitId)
    if (!unit) throw new AppError('NOT_FOUND', '没有找到这个单位')
    requireManagerOf(caller, unit)
    scope = [unit._id]
  } else {
    scope = [...new Set(grantedUnitIds(caller, 'manager'))]
  }
  const week = input.week ? weekStartOf(input.week) : weekKey(serverNow)
  const { start, end } = weekBounds(week)
  const found = await from(db, activities).find((q) =>
    q
      .where({ unitPath: scope.length === 1 ? scope[0] : _.in(scope), start: _.gte(start).and(_.lt(end)) })
      .orderBy('start', 'asc')
      .limit(WEEK_LIST_MAX + 1)
      .field(MANAGED_FIELDS),
  )
  const truncated = found.length > WEEK_LIST_MAX
  return {
    week: weekInfo(week),
    items: (truncated ? found.slice(0, WEEK_LIST_MAX) : found).map(toManaged),
    truncated,
    serverNow: serverNow.getTime(),
  }
}

function byLevelThenCode(a: Unit, b: Unit): number {
  return UNIT_LEVELS.indexOf(a.level) - UNIT_LEVELS.indexOf(b.level) || a.code.localeCompare(b.code)
}

/** The publish form: the units the caller may publish for, and (when editing) the activity. */
export const editor: Handler<'activities', 'editor'> = async (input, { db, _, caller, now }) => {
  const managedIds = [...new Set(grantedUnitIds(caller, 'manager'))]
  const units = from(db, unitsSpec)
  const fields = { name: true, level: true, phone: true, code: true, retired: true }
  const [own, below, activity] = await Promise.all([
    units.find((q) => q.where({ _id: _.in(managedIds) }).field(fields)),
    units.find((q) =>
      q
        .where({ ancestors: _.in(managedIds), retired: _.neq(true) })
        .field(fields)
        .limit(EDITOR_UNITS_MAX),
    ),
    input.id ? loadActivity(db, input.id) : Promise.resolve(undefined),
  ])
  if (activity) requireManagerOf(caller, holdingUnit(activity))
  const seen = new Set<string>()
  const list: ManagedUnit[] = [
    ...own.filter((u) => !u.retired).sort(byLevelThenCode),
    ...below.sort(byLevelThenCode),
  ]
    .filter((u) => !seen.has(u._id) && seen.add(u._id))
    .map((u) => ({ _id: u._id, name: u.name, level: u.level, phone: u.phone }))
  return { units: list, activity: activity ? editable(activity) : null, serverNow: now().getTime() }
}

function editable(a: Activity & { inMonthTheme?: boolean }): EditableActivity {
  return {
    _id: a._id,
    unitId: a.unitId,
    unitName: a.unitName,
    status: a.status,
    registeredCount: a.registeredCount,
    title: a.title,
    category: a.category,
    description: a.description,
    place: a.place,
    start: epochMs(a.start),
    end: epochMs(a.end),
    registrationRequired: a.registrationRequired,
    capacity: a.capacity,
    volunteerSlots: a.volunteerSlots,
    theme: a.theme,
    practiceDay: a.practiceDay,
    inMonthTheme: a.inMonthTheme ?? false,
    coverFileId: a.coverFileId,
    contactPhone: a.contactPhone,
  }
}
