/**
 * The seeded year of history (scripts/seed/history.ts): the statistics counters the seed leaves equal an
 * independent scan of the raw documents (activities, 人次, distinct people, confirmed service) for the
 * current year and the earlier one, for the center, an institute and a station; the trend and the ranking
 * are not empty; the history keeps away from the demo identities. Prints how long the whole demo seed takes.
 */
import { activities as activitiesSpec, type ActivityDoc } from '../../core/contract/activities.collections'
import { orders as ordersSpec } from '../../core/contract/orders.collections'
import { serviceRecords as serviceSpec, type ServiceDoc } from '../../core/contract/signin.collections'
import type { PeriodKind, StatFigures, StatsReport } from '../../core/contract/stats'
import { periodOf } from '../../core/stats/figures'
import { formatDate, parseShanghaiDate, shanghai } from '../../core/time'
import { startTestCloud, type TestCloud } from '../../testing/function-cloud'
import { DEMO_IDENTITIES, DEMO_IDS, seedDemo } from '.'

let t: TestCloud
let seedMs = 0
const now = new Date()

beforeAll(async () => {
  t = await startTestCloud({ seed: false, maxInstances: 2 })
  const started = Date.now()
  await seedDemo(t.cloud, now)
  seedMs = Date.now() - started
  console.log(`demo seed with a year of history: ${seedMs} ms`)
}, 120_000)
afterAll(() => t?.stop())

type Base = Pick<StatFigures, 'activities' | 'attendances' | 'serviceMinutes' | 'serviceSessions'> & {
  people: number
}

function recount(unitId: string, kind: PeriodKind, date: string): Base {
  const p = periodOf(kind, date)
  const start = parseShanghaiDate(p.from)
  const end = new Date(parseShanghaiDate(p.to).getTime() + 86_400_000)
  const inside = (d: Date | string) => new Date(d) >= start && new Date(d) < end
  const acts = (t.cloud.db.find(activitiesSpec.name, {}) as unknown as ActivityDoc[]).filter(
    (a) => a.unitPath.includes(unitId) && inside(a.start),
  )
  const confirmed = (
    t.cloud.db.find(serviceSpec.name, { status: 'confirmed' }) as unknown as ServiceDoc[]
  ).filter((r) => r.unitPath.includes(unitId) && inside(r.activityStart))
  return {
    activities: acts.filter((a) => a.status === 'published').length,
    attendances: acts.reduce((n, a) => n + (a.attendedCount ?? 0), 0),
    serviceMinutes: confirmed.reduce((n, r) => n + (r.minutes ?? 0), 0),
    serviceSessions: confirmed.length,
    people: new Set(acts.flatMap((a) => a.attendees ?? [])).size,
  }
}

const report = (unitId: string, period: PeriodKind, date: string): Promise<StatsReport> =>
  t.as(DEMO_IDENTITIES.centerAdmin).ok('stats', 'report', { unitId, period, date })

const pick = (f: StatFigures): Base => ({
  activities: f.activities,
  attendances: f.attendances,
  serviceMinutes: f.serviceMinutes,
  serviceSessions: f.serviceSessions,
  people: (f as { people?: number }).people ?? -1,
})

it('leaves counters equal to a recount of the raw history, this year and the last', async () => {
  const today = formatDate(now)
  const yearAgo = formatDate(shanghai(now).subtract(300, 'day').valueOf())
  const threeMonthsAgo = formatDate(shanghai(now).subtract(3, 'month').valueOf())
  for (const unitId of [DEMO_IDS.center, 'u-qh-i01', DEMO_IDS.firstStation]) {
    for (const [kind, date] of [
      ['year', today],
      ['month', today],
      ['week', today],
      ['month', threeMonthsAgo],
      ['year', yearAgo],
      ['month', yearAgo],
    ] as Array<[PeriodKind, string]>) {
      const got = await report(unitId, kind, date)
      expect({ unitId, kind, date, figures: pick(got.figures) }).toEqual({
        unitId,
        kind,
        date,
        figures: recount(unitId, kind, date),
      })
    }
  }
})

it('gives the charts a shape: most months and every station have figures, orders in past months', async () => {
  const lastYear = await report(
    DEMO_IDS.center,
    'year',
    formatDate(shanghai(now).subtract(1, 'year').valueOf()),
  )
  const thisYear = await report(DEMO_IDS.center, 'year', formatDate(now))
  const months = [...lastYear.months, ...thisYear.months].filter((m) => m.attendances > 0)
  expect(months.length).toBeGreaterThanOrEqual(11)
  const institute = await report('u-qh-i01', 'year', formatDate(now))
  expect(institute.children.length).toBeGreaterThan(1)
  expect(institute.children.every((c) => c.figures.activities > 0)).toBe(true)
  const past = formatDate(shanghai(now).subtract(2, 'month').valueOf())
  const monthOrders = (await report(DEMO_IDS.center, 'month', past)).orders
  const raw = t.cloud.db
    .find(ordersSpec.name, {})
    .filter((o) => (o as { month: string }).month === past.slice(0, 7))
  expect(monthOrders?.placed).toBe(raw.length)
  expect(raw.length).toBeGreaterThan(0)
  // the history keeps to seed people: the demo identities' own pages are untouched
  const demo = Object.values(DEMO_IDENTITIES) as string[]
  const acts = t.cloud.db.find(activitiesSpec.name, {}) as unknown as ActivityDoc[]
  expect(
    acts.filter((a) => a._id.startsWith('act-h-') && a.attendees?.some((o) => demo.includes(o))),
  ).toEqual([])
  expect(seedMs).toBeGreaterThan(0)
})
