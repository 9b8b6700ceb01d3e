/**
 * The demo center's annual plan (年度计划) for this year and next: a theme for every month (the months the
 * seeded practice-day settings name keep their theme, so the notice and the plan agree), festivals and a
 * custom date with responsible units, and each month's 文明实践日 under an institute or a station.
 */
import { plans, type PlanVersionDoc } from '../../core/contract/plans.collections'
import { festivalsOf, monthsOfYear, type StoredKeyDate, type StoredPlanMonth } from '../../core/plans/plan'
import { shanghai } from '../../core/time'
import { DEMO_IDS, demoUnits } from './county'
import { insertDocs, type SeedDb } from './insert'
import { demoNoticeSettings } from './notices'

const THEMES = [
  '辞旧迎新 文明过节',
  '移风易俗树新风',
  '学雷锋 做好事',
  '缅怀先烈 传承精神',
  '劳动创造幸福',
  '关爱儿童 健康成长',
  '党的光辉照我心',
  '军民鱼水情',
  '尊师重教 书香满城',
  '礼赞祖国 敬老爱老',
  '平安建设 人人参与',
  '志愿服务 温暖冬日',
]

/** The plan versions the demo seeds: version 1 of each year, saved by the demo center admin. */
export function demoPlans(now: Date): PlanVersionDoc[] {
  const unitNames = new Map(demoUnits().map((u) => [u._id, u.name]))
  const name = (id: string) => unitNames.get(id) ?? id
  const settingsThemes = new Map(demoNoticeSettings(now).themes.map((t) => [t.month, t.theme]))
  const year = shanghai(now).year()
  const responsible = ['u-qh-i01', 'u-qh-i02', DEMO_IDS.firstStation]
  return [year, year + 1].map((y) => {
    const months: StoredPlanMonth[] = monthsOfYear(String(y)).map((month, i) => {
      const pd = responsible[i % responsible.length]!
      const keyDates: StoredKeyDate[] = festivalsOf(month).map((f, j) => {
        const unitId = j % 2 === 0 ? DEMO_IDS.center : DEMO_IDS.firstStation
        return { date: f.date, kind: 'festival' as const, title: f.title, unitId, unitName: name(unitId) }
      })
      if (i % 3 === 1) {
        keyDates.push({
          date: `${month}-20`,
          kind: 'custom',
          title: '邻里互助日',
          unitId: DEMO_IDS.firstStation,
          unitName: name(DEMO_IDS.firstStation),
        })
      }
      return {
        month,
        theme: settingsThemes.get(month) ?? THEMES[i]!,
        keyDates: keyDates.sort((a, b) => a.date.localeCompare(b.date)),
        practiceDayUnitId: pd,
        practiceDayUnitName: name(pd),
      }
    })
    return {
      _id: plans.id(DEMO_IDS.center, String(y), 1),
      planKey: plans.key(DEMO_IDS.center, String(y)),
      centerId: DEMO_IDS.center,
      unitPath: [DEMO_IDS.center],
      year: String(y),
      version: 1,
      months,
      changedMonths: months.map((m) => m.month),
      createdAt: now,
      createdBy: 'demo-center-admin',
    }
  })
}

export async function seedPlans(cloud: { db: SeedDb }, now: Date): Promise<void> {
  await insertDocs(cloud.db, plans, demoPlans(now))
}
