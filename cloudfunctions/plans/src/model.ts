/** Reading the plan: its latest version, the center, the notice settings' practice day, the view. */
import type { KeyDateView, PlanMonthView, PlanUnitOption, PlanView } from '../../../core/contract/plans'
import { notice_settings, type SettingsDoc } from '../../../core/contract/notices.collections'
import { plans, type PlanVersionDoc } from '../../../core/contract/plans.collections'
import { units } from '../../../core/contract/stations.collections'
import type { Unit } from '../../../core/domain'
import { AppError } from '../../../core/errors'
import { DEFAULT_PRACTICE_SCHEDULE } from '../../../core/notices/schedule'
import { emptyYearMonths, practiceDateOf, type StoredPlanMonth } from '../../../core/plans/plan'
import { epochMs } from '../../../core/time'
import { from } from '../../../server/db'
import type { Db, HandlerContext, OpenApi } from '../../../server/types'
import { loadUnit } from '../../../server/units'

/** Units a key date may name, at most (a center's institutes and stations). */
const MAX_UNIT_OPTIONS = 500

export function centerIdOf(unit: Pick<Unit, '_id' | 'level' | 'ancestors'>): string {
  return unit.level === 'center' ? unit._id : (unit.ancestors[0] ?? unit._id)
}

export async function requireCenter(db: Db, centerId: string): Promise<Unit> {
  const center = await loadUnit(db, centerId)
  if (!center || center.retired) throw new AppError('NOT_FOUND', '没有找到这个实践中心，可能已撤销')
  if (center.level !== 'center') throw new AppError('NOT_FOUND', '这不是一个新时代文明实践中心')
  return center
}

/** The highest version of a center's plan for a year (one indexed read), or undefined. */
export async function latestPlan(
  db: Db,
  centerId: string,
  year: string,
): Promise<PlanVersionDoc | undefined> {
  const [doc] = await from(db, plans).find((q) =>
    q
      .where({ planKey: plans.key(centerId, year) })
      .orderBy('version', 'desc')
      .limit(1),
  )
  return doc
}

export function loadSettings(db: Db, centerId: string): Promise<SettingsDoc | undefined> {
  return from(db, notice_settings).byId(centerId, { day: true, themes: true })
}

/** msgSecCheck (version 2, scene 3) on text residents will read: risky is refused, nothing written. */
export async function checkContent(openapi: OpenApi, openid: string, texts: string[]): Promise<void> {
  const content = texts.filter(Boolean).join('\n')
  if (!content) return
  const verdict = await openapi.checkText({ content, openid, scene: 3 })
  if (verdict === 'risky') throw new AppError('CONTENT_RISKY')
}

export function monthView(
  m: StoredPlanMonth,
  center: Pick<Unit, '_id' | 'name'>,
  settings: Pick<SettingsDoc, 'day' | 'themes'> | undefined,
): PlanMonthView {
  const day = settings?.day ?? DEFAULT_PRACTICE_SCHEDULE.day
  const practice: KeyDateView = {
    date: practiceDateOf(m.month, day),
    kind: 'practiceDay',
    title: '文明实践日',
    unitId: m.practiceDayUnitId ?? center._id,
    unitName: m.practiceDayUnitName ?? center.name,
  }
  const keyDates: KeyDateView[] = [...m.keyDates, practice].sort((a, b) => a.date.localeCompare(b.date))
  return {
    month: m.month,
    theme: m.theme,
    fallbackTheme: m.theme ? null : (settings?.themes?.find((t) => t.month === m.month)?.theme ?? null),
    keyDates,
    practiceDayUnitId: m.practiceDayUnitId,
  }
}

/** The plan view for a year: the latest version (or an empty plan), the practice day, recent edits. */
export async function planView(
  ctx: Pick<HandlerContext, 'db' | '_'>,
  center: Unit,
  year: string,
  canEdit: boolean,
  known?: PlanVersionDoc,
): Promise<PlanView> {
  const { db, _ } = ctx
  const [latest, settings, history, options] = await Promise.all([
    known ? Promise.resolve(known) : latestPlan(db, center._id, year),
    loadSettings(db, center._id),
    from(db, plans).find((q) =>
      q
        .where({ planKey: plans.key(center._id, year) })
        .orderBy('version', 'desc')
        .field({ version: true, changedMonths: true, createdAt: true })
        .limit(10),
    ),
    canEdit
      ? from(db, units).find((q) =>
          q
            .where({ ancestors: center._id, level: _.in(['institute', 'station']) })
            .field({ name: true, level: true, retired: true })
            .limit(MAX_UNIT_OPTIONS),
        )
      : Promise.resolve([]),
  ])
  const months = latest?.months ?? emptyYearMonths(year)
  const unitOptions: PlanUnitOption[] = [
    { _id: center._id, name: center.name, level: center.level },
    ...options.filter((u) => !u.retired).map((u) => ({ _id: u._id, name: u.name, level: u.level })),
  ]
  return {
    centerId: center._id,
    centerName: center.name,
    year,
    version: latest?.version ?? 0,
    canEdit,
    practiceDay: settings?.day ?? DEFAULT_PRACTICE_SCHEDULE.day,
    months: months.map((m) => monthView(m, center, settings)),
    units: canEdit ? unitOptions : [],
    history: history.map((h) => ({
      version: h.version,
      changedMonths: h.changedMonths,
      at: epochMs(h.createdAt),
    })),
  }
}
