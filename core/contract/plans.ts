/**
 * The plans context's contract (年有计划、月有主题、周有活动): a center's annual plan, the month themes the
 * practice-day notice and the publish form use, and a unit's month view (plan against what was held).
 */
import * as z from 'zod'
import { isMonthKey } from '../notices/schedule'
import { charCount, isYear, PLAN_LIMITS, type KeyDateKind } from '../plans/plan'
import { action, fields } from './define'

export type KeyDateViewKind = KeyDateKind | 'practiceDay'

export interface KeyDateView {
  /** 'YYYY-MM-DD' */
  date: string
  kind: KeyDateViewKind
  title: string
  unitId: string
  unitName: string
}

export interface PlanMonthView {
  /** 'YYYY-MM' */
  month: string
  /** the plan's theme, null when empty */
  theme: string | null
  /** the theme the notice settings held for an empty month (used by the notice until the plan has one) */
  fallbackTheme: string | null
  /** festivals and custom dates, then the month's 文明实践日 (date from the notice settings), by date */
  keyDates: KeyDateView[]
  /** the responsible unit for the practice day as stored (null: the center) */
  practiceDayUnitId: string | null
}

export interface PlanUnitOption {
  _id: string
  name: string
  level: string
}

export interface PlanEdit {
  version: number
  changedMonths: string[]
  at: number
}

export interface PlanView {
  centerId: string
  centerName: string
  /** 'YYYY' */
  year: string
  /** 0 while nothing is saved */
  version: number
  /** the caller manages the center: may edit */
  canEdit: boolean
  /** the practice day of the month from the notice settings (1–31) */
  practiceDay: number
  months: PlanMonthView[]
  /** the units a key date may name (the center and its institutes and stations); empty unless canEdit */
  units: PlanUnitOption[]
  /** the latest edits, newest first */
  history: PlanEdit[]
}

export interface MonthKeyDateResult extends KeyDateView {
  /** activities the responsible unit (with its subtree) holds that day, not cancelled */
  held: number
}

export interface PlanMonthReport {
  unitId: string
  unitName: string
  centerId: string
  /** 'YYYY-MM' */
  month: string
  theme: string | null
  keyDates: MonthKeyDateResult[]
  /** 场次: the unit's (with its subtree) activities starting in the month, not cancelled (stats counters) */
  activities: number
  /** of which marked 属于本月主题 */
  themed: number
}

const CENTER = fields.id('实践中心')
const year = z.string({ error: '请选择年份' }).refine(isYear, '年份写成 2026 的形式')
const month = z.string({ error: '请选择月份' }).refine(isMonthKey, '月份写成 2026-11 的形式')
const theme = z
  .string({ error: '请填写主题' })
  .trim()
  .refine((s) => charCount(s) <= PLAN_LIMITS.themeMax, `主题不能超过 ${PLAN_LIMITS.themeMax} 个字`)

const keyDate = z.object({
  date: z.string({ error: '请选择日期' }).regex(/^\d{4}-\d{2}-\d{2}$/, '日期写成 2026-12-05 的形式'),
  kind: z.enum(['festival', 'custom'], { error: '请选择节日或自定日期' }),
  title: z
    .string({ error: '请填写名称' })
    .trim()
    .min(1, '请填写重要日期的名称')
    .refine((s) => charCount(s) <= PLAN_LIMITS.keyTitleMax, `名称不能超过 ${PLAN_LIMITS.keyTitleMax} 个字`),
  unitId: fields.id('责任单位'),
})

export const plans = {
  /** A center's plan for a year (managers of the center or any unit in it; only the center's may edit). */
  get: action<PlanView>()({
    input: z.object({ centerId: CENTER.optional(), year }),
    roles: ['manager'],
  }),
  /**
   * Saves one month of the plan as a new version (managers of the center). `baseVersion` is the
   * version the editor started from: a save from a stale version is refused (CONFLICT), nothing written.
   */
  setMonth: action<PlanView>()({
    input: z.object({
      centerId: CENTER,
      month,
      theme,
      keyDates: z
        .array(keyDate)
        .max(PLAN_LIMITS.keyDatesPerMonth, `每月最多 ${PLAN_LIMITS.keyDatesPerMonth} 个重要日期`)
        .default([]),
      practiceDayUnitId: fields.id('实践日责任单位').nullable().default(null),
      baseVersion: z.number({ error: '缺少计划版本' }).int('计划版本应为整数').min(0, '计划版本应为整数'),
    }),
    roles: ['manager'],
  }),
  /**
   * Sets month themes on the latest version (managers of the center): what the practice-day settings
   * page saves. An empty theme clears the month.
   */
  setThemes: action<{ version: number }>()({
    input: z.object({
      centerId: CENTER,
      themes: z
        .array(z.object({ month, theme }))
        .min(1, '请至少填写一个月的主题')
        .max(12, '一次最多设置 12 个月的主题'),
    }),
    roles: ['manager'],
  }),
  /** The month themes of the unit's center, this year and next (the publish form's 属于本月主题). */
  themes: action<{ centerId: string; themes: { month: string; theme: string }[] }>()({
    input: z.object({ unitId: fields.id('单位') }),
    roles: ['manager'],
  }),
  /** A unit's month: the plan (theme, key dates with responsible units) against what was held. */
  month: action<PlanMonthReport>()({
    input: z.object({ unitId: fields.id('单位').optional(), month }),
    roles: ['manager'],
  }),
}
