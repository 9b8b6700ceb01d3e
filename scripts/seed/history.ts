/**
 * A year of history for the demo county, so the managers' statistics (趋势, 排行) are not empty: for the
 * 52 weeks before this week, activities at every station (more in spring and autumn, fewer in the
 * Spring Festival month and high summer), residents' 签到 (attendance and the activity's attendees /
 * attendedCount, as check-in writes them), volunteers' confirmed service records, and orders in closed
 * states with their unit-month order figures (built by the orders state machine, like orders.ts).
 *
 * Only seed people take part (seed-resident-*, seed-volunteer-*), never the demo identities, so their
 * own pages (我的活动, 我的时长, 我的消息) stay as the other seeds make them. Deterministic for a given
 * week. The statistics counters (and person markers, gauges) are then made by the stats function's own
 * recount, run once over every year the history touches (recountStats). docs/statistics-page.md.
 */
import { activities } from '../../core/contract/activities.collections'
import type { ActivityDoc } from '../../core/contract/activities.collections'
import { orderStats, orders, type OrderStatsDoc } from '../../core/contract/orders.collections'
import { attendance, serviceRecords, type AttendanceDoc } from '../../core/contract/signin.collections'
import type { ServiceDoc } from '../../core/contract/signin.collections'
import { atShanghai } from '../../core/activities/form'
import type { ActivityCategory, Unit } from '../../core/domain'
import { emptyStats } from '../../core/orders/figures'
import { isRefusal, plan, type Command, type Who } from '../../core/orders/machine'
import type { OrderDoc } from '../../core/orders/model'
import { monthKey } from '../../core/orders/notice'
import { formatDate, parseShanghaiDate, shanghai, weekKey } from '../../core/time'
import type { Cloud } from '../../server/types'
import { applyCenterYear, scanCenterYear } from '../../cloudfunctions/stats/src/repair'
import { DEMO_IDENTITIES, demoUnits, demoUsers } from './county'
import { insertDocs, type SeedDb } from './insert'

/** The part of the local cloud the history needs: its database, and the stats timer when there is one. */
export interface HistorySeedable {
  db: SeedDb
  /** the local cloud's wx-server-sdk environment: the stats recount runs through it */
  sdkEnv?: () => Record<string, string>
}

interface Kind {
  title: string
  category: ActivityCategory
  at: string
  minutes: number
  /** volunteers who serve at it */
  volunteers: number
}

const KINDS: Kind[] = [
  { title: '理论宣讲进万家', category: '理论宣讲', at: '09:30', minutes: 90, volunteers: 2 },
  { title: '健康义诊', category: '健康义诊', at: '08:30', minutes: 180, volunteers: 4 },
  { title: '智能手机课堂', category: '科普', at: '14:30', minutes: 90, volunteers: 3 },
  { title: '关爱空巢老人走访', category: '关爱帮扶', at: '09:00', minutes: 150, volunteers: 5 },
  { title: '文艺汇演', category: '文化文艺', at: '19:00', minutes: 90, volunteers: 2 },
  { title: '移风易俗宣讲', category: '移风易俗', at: '15:00', minutes: 90, volunteers: 2 },
  { title: '法律咨询进社区', category: '法律服务', at: '09:00', minutes: 120, volunteers: 2 },
  { title: '垃圾分类宣传', category: '生态环保', at: '10:00', minutes: 60, volunteers: 3 },
  { title: '太极拳教学', category: '体育健身', at: '07:30', minutes: 60, volunteers: 1 },
  { title: '助残服务日', category: '助老助残', at: '09:30', minutes: 120, volunteers: 4 },
]

/** Chance of an activity at a station in a week, by month (1–12): few at Spring Festival and in August. */
const WEEKLY_CHANCE = [0, 0.45, 0.35, 0.7, 0.75, 0.8, 0.6, 0.5, 0.4, 0.75, 0.8, 0.7, 0.6]

const WEEKS = 52
const DAY = 86_400_000
const HOUR = 3_600_000

/** mulberry32, as county.ts: the same history every time for the same week. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const seedResident = (i: number) => `seed-resident-${String((i % 200) + 1).padStart(3, '0')}`
const seedVolunteer = (i: number) => `seed-volunteer-${String((i % 50) + 1).padStart(3, '0')}`

export interface DemoHistory {
  activities: ActivityDoc[]
  attendance: AttendanceDoc[]
  serviceRecords: ServiceDoc[]
  orders: OrderDoc[]
  orderStats: OrderStatsDoc[]
  /** the history's first week's Monday, 00:00 Shanghai */
  since: Date
  /** the first instant after the history: this week's Monday, 00:00 Shanghai */
  until: Date
}

export function demoHistory(now: Date): DemoHistory {
  const units = demoUnits()
  const stations = units.filter((u) => u.level === 'station')
  const names = new Map(demoUsers(now).map((u) => [u._id, u.name ?? null]))
  const thisMonday = parseShanghaiDate(weekKey(now))
  const rnd = random(Number(weekKey(now).replace(/-/g, '')))
  const out: DemoHistory = {
    activities: [],
    attendance: [],
    serviceRecords: [],
    orders: [],
    orderStats: [],
    since: new Date(thisMonday.getTime() - WEEKS * 7 * DAY),
    until: thisMonday,
  }
  let n = 0
  for (let w = WEEKS; w >= 1; w--) {
    const monday = thisMonday.getTime() - w * 7 * DAY
    stations.forEach((station, s) => {
      const day = formatDate(monday + Math.floor(rnd() * 7) * DAY)
      const month = Number(day.slice(5, 7))
      // the first stations are the busiest, so the ranking has a shape
      const chance = WEEKLY_CHANCE[month]! * (1.15 - s * 0.04)
      if (rnd() >= chance) return
      const kind = KINDS[Math.floor(rnd() * KINDS.length)]!
      n++
      out.activities.push(...activityOf(station, kind, day, n, rnd, names, out))
    })
  }
  orderHistory(now, stations, thisMonday, rnd, names, out)
  return out
}

function activityOf(
  station: Unit,
  kind: Kind,
  day: string,
  n: number,
  rnd: () => number,
  names: Map<string, string | null>,
  out: DemoHistory,
): ActivityDoc[] {
  const start = new Date(atShanghai(day, kind.at))
  const end = new Date(start.getTime() + kind.minutes * 60_000)
  const id = `act-h-${day.replace(/-/g, '')}-${station._id.slice(-3)}-${String(n).padStart(4, '0')}`
  const unitPath = [...station.ancestors, station._id]
  const first = Math.floor(rnd() * 200)
  const attendees = Array.from({ length: 6 + Math.floor(rnd() * 25) }, (_, i) => seedResident(first + i * 7))
  for (const [i, openid] of attendees.entries()) {
    out.attendance.push({
      _id: attendance.id(id, openid),
      activityId: id,
      openid,
      name: names.get(openid) ?? null,
      signedInAt: new Date(start.getTime() - 10 * 60_000 + i * 20_000),
    })
  }
  const v0 = Math.floor(rnd() * 50)
  for (let k = 0; k < kind.volunteers; k++) {
    const openid = seedVolunteer(v0 + k * 11)
    const minutes = kind.minutes + 30
    out.serviceRecords.push({
      _id: serviceRecords.id(id, openid),
      activityId: id,
      activityTitle: kind.title,
      unitId: station._id,
      unitName: station.name,
      unitPath,
      activityStart: start,
      activityEnd: end,
      openid,
      name: names.get(openid) ?? null,
      signInAt: new Date(start.getTime() - 30 * 60_000),
      signOutAt: end,
      status: 'confirmed',
      minutes,
      autoClosed: false,
      locationOverride: false,
      distanceMeters: null,
      confirmedBy: DEMO_IDENTITIES.centerAdmin,
      confirmedByName: '陈明',
      confirmedAt: new Date(end.getTime() + DAY),
      corrections: [],
      revision: 1,
    })
  }
  return [
    {
      _id: id,
      unitId: station._id,
      unitPath,
      unitName: station.name,
      title: kind.title,
      category: kind.category,
      description: `${station.name.replace(/新时代文明实践站$/, '')}${kind.title}。`,
      place: '党群服务中心',
      start,
      end,
      registrationRequired: false,
      capacity: null,
      registeredCount: 0,
      registrants: [],
      attendees,
      volunteerSlots: kind.volunteers,
      theme: null,
      practiceDay: false,
      coverFileId: null,
      contactPhone: station.phone,
      status: 'published',
      cancelReason: null,
      cancelledAt: null,
      cancelledBy: null,
      attendedCount: attendees.length,
      contentCheck: 'pass',
      createdBy: DEMO_IDENTITIES.centerAdmin,
      createdAt: new Date(start.getTime() - 7 * DAY),
      updatedAt: new Date(start.getTime() - 7 * DAY),
    },
  ]
}

/** Categories of the history's orders and the team that serves each (orders.ts SERVED_BY). */
const ORDER_TEAMS: Array<[OrderDoc['category'], string, string]> = [
  ['理发', 't-qh-06', '幸福里社区邻里守望队'],
  ['家电维修', 't-qh-04', '东城街道巧手家电维修队'],
  ['陪伴聊天', 't-qh-03', '城关街道红马甲志愿服务队'],
  ['义诊', 't-qh-02', '青禾县医疗义诊志愿服务队'],
]

/**
 * About six closed orders a month (rated, done, cancelled), in whole months only — those before the
 * month of three days ago, so the unit-month figures never share a document with orders.ts's recent
 * orders.
 */
function orderHistory(
  now: Date,
  stations: Unit[],
  thisMonday: Date,
  rnd: () => number,
  names: Map<string, string | null>,
  out: DemoHistory,
): void {
  const lastMonth = shanghai(now.getTime() - 3 * DAY).startOf('month')
  const first = shanghai(thisMonday.getTime() - WEEKS * 7 * DAY)
    .startOf('month')
    .add(1, 'month')
  const stats = new Map<string, OrderStatsDoc>()
  const count = (o: OrderDoc, delta: Record<string, number>) => {
    for (const unitId of o.unitPath) {
      const id = `${unitId}:${o.month}`
      const s = stats.get(id) ?? emptyStats(unitId, o.month)
      for (const [k, v] of Object.entries(delta)) {
        if (k.startsWith('n.')) s.n[k.slice(2) as OrderDoc['state']] += v
        else (s as unknown as Record<string, number>)[k] += v
      }
      stats.set(id, s)
    }
  }
  let i = 0
  for (let m = first; m.isBefore(lastMonth); m = m.add(1, 'month')) {
    const perMonth = 4 + Math.floor(rnd() * 5)
    for (let k = 0; k < perMonth; k++, i++) {
      const unit = stations[Math.floor(rnd() * stations.length)]!
      const [category, teamId, teamName] = ORDER_TEAMS[i % ORDER_TEAMS.length]!
      const submittedAt = new Date(m.add(Math.floor(rnd() * 26), 'day').valueOf() + (8 + k) * HOUR)
      const resident = seedResident(i * 17)
      const residentName = names.get(resident) ?? '居民'
      const path = [...unit.ancestors, unit._id]
      let o: OrderDoc = {
        _id: `o-h-${String(i + 1).padStart(4, '0')}`,
        state: 'submitted',
        version: 1,
        centerId: path[0]!,
        category,
        unitId: unit._id,
        unitName: unit.name,
        unitPath: path,
        queueUnitId: unit._id,
        queueUnitName: unit.name,
        queuePath: path,
        escalateAt: new Date(submittedAt.getTime() + 2 * HOUR),
        residentId: resident,
        residentName,
        placedBy: resident,
        placedByRole: 'self',
        wantedAt: new Date(submittedAt.getTime() + DAY),
        where: i % 2 ? 'station' : 'home',
        address: i % 2 ? '' : `${unit.name.replace(/新时代文明实践站$/, '')} ${3 + (i % 9)} 号楼`,
        phone: `1390536${String(1000 + i).padStart(4, '0')}`,
        note: '',
        noteCheck: 'none',
        teamId: null,
        teamName: null,
        holder: null,
        holderName: null,
        reason: null,
        doneNote: null,
        donePhotoFileId: null,
        minutes: null,
        rating: null,
        month: monthKey(submittedAt),
        submittedAt,
        dispatchedAt: null,
        acceptedAt: null,
        doneAt: null,
        closedAt: null,
        updatedAt: submittedAt,
        history: [
          {
            event: 'place',
            from: null,
            to: 'submitted',
            at: submittedAt,
            by: resident,
            byName: '居民',
            as: 'owner',
          },
        ],
      }
      count(o, { placed: 1, 'n.submitted': 1 })
      const holder = seedVolunteer(i * 3)
      const volunteer: Who = { openid: holder, name: names.get(holder) ?? '志愿者', as: 'teamMember' }
      const manager: Who = { openid: DEMO_IDENTITIES.centerAdmin, name: '陈明', as: 'manager' }
      const owner: Who = { openid: resident, name: residentName, as: 'owner' }
      const r = rnd()
      const steps: Array<[Command, Who]> =
        r < 0.1
          ? [[{ event: 'cancel', reason: '家里人已经帮忙办好了' }, owner]]
          : [
              [{ event: 'dispatch', team: { _id: teamId, name: teamName } }, manager],
              [{ event: 'accept' }, volunteer],
              [
                { event: 'complete', note: '服务顺利完成', minutes: 60, photoFileId: null },
                { ...volunteer, as: 'holder' },
              ],
              ...(r < 0.8
                ? [[{ event: 'rate', stars: r < 0.2 ? 4 : 5, comment: '' }, owner] as [Command, Who]]
                : []),
            ]
      steps.forEach(([command, who], step) => {
        const at = new Date(submittedAt.getTime() + (step + 1) * (1 + (i % 3)) * HOUR)
        const p = plan(o, command, who, at)
        if (isRefusal(p)) throw new Error(`history order ${o._id}: ${p.message}`)
        o = { ...o, ...p.set, history: [...o.history, p.entry] }
        count(o, p.stats)
      })
      out.orders.push(o)
    }
  }
  out.orderStats.push(...stats.values())
}

export interface HistoryReport {
  activities: number
  attendances: number
  serviceRecords: number
  orders: number
  /** the center-years the stats recount ran for (none without an in-process SDK environment) */
  recounted: string[]
}

/** Writes the history, then has the stats function's recount (scan + apply) run over every year it touches. */
export async function seedHistory(cloud: HistorySeedable, now: Date): Promise<HistoryReport> {
  const h = demoHistory(now)
  await insertDocs(cloud.db, activities, h.activities)
  await insertDocs(cloud.db, attendance, h.attendance)
  await insertDocs(cloud.db, serviceRecords, h.serviceRecords)
  await insertDocs(cloud.db, orders, h.orders)
  await insertDocs(cloud.db, orderStats, h.orderStats)
  const recounted = cloud.sdkEnv ? await recountStats(cloud.sdkEnv(), h.since, now) : []
  return {
    activities: h.activities.length,
    attendances: h.attendance.length,
    serviceRecords: h.serviceRecords.length,
    orders: h.orders.length,
    recounted,
  }
}

/**
 * The stats function's own recount (cloudfunctions/stats/src/repair.ts: scan, then apply) for each
 * center and each year from `since` to next week, run in this process through wx-server-sdk pointed at
 * the local cloud. Without the nightly run's quiet wait: nothing else writes while the seed runs. The
 * SDK reads its endpoint from the environment at each call, so the variables are set for the recount
 * and put back afterwards (two clouds must not seed at the same moment in one process).
 */
async function recountStats(env: Record<string, string>, since: Date, now: Date): Promise<string[]> {
  const saved = new Map(Object.keys(env).map((k) => [k, process.env[k]]))
  Object.assign(process.env, env)
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when a seed recounts
    const sdk = require('wx-server-sdk') as Cloud
    sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string })
    const db = sdk.database()
    const night = shanghai(now).format('YYYY-MM-DD')
    const last = Number(shanghai(now.getTime() + 14 * DAY).format('YYYY'))
    const done: string[] = []
    for (const center of demoUnits().filter((u) => u.parentId === null)) {
      for (let y = Number(shanghai(since).format('YYYY')); y <= last; y++) {
        await scanCenterYear(db, db.command, center._id, String(y), now)
        await applyCenterYear(db, db.command, center._id, String(y), night, now)
        done.push(`${center._id}:${y}`)
      }
    }
    return done
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
}
