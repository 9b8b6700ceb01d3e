/**
 * The weekly list (每周活动预告) at city scale: 200,000 activities a year across 7,000 stations (20
 * centers, 200 institutes). For each kind of list — a station's week, a busy station's week, an
 * institute's week, the 15-minute circle — prints database round trips per call, the answer's size in
 * bytes, and the warm sequential latency as a ratio to the local cloud's no-op call floor measured in
 * this run. Prints figures; asserts nothing about time.
 *
 *   npx tsx bench/weekly-list.ts
 *   WEEKLY_BENCH_SCALE=0.1 npx tsx bench/weekly-list.ts     # 20,000 activities, 700 stations
 */
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { startLocalCloud, type LocalCloud } from '../local-cloud/src'
import type { AdminRequest } from '../local-cloud/src/server'
import type { Activity, Unit } from '../core/domain'
import { ACTIVITY_CATEGORIES } from '../core/domain'
import { buildFunctions } from '../scripts/build-functions'
import { DEMO_CENTER_COORDS } from '../scripts/seed'
import { weekRange } from '../core/time'
import { summarize, type Summary } from './lib/timing'
import { seededRandom } from './lib/fixtures'

const SCALE = Number(process.env.WEEKLY_BENCH_SCALE ?? 1)
const CENTERS = 20
const INSTITUTES_PER_CENTER = 10
const STATIONS = Math.round(7000 * SCALE)
const ACTIVITIES = Math.round(200_000 * SCALE)
const BUSY_STATION_WEEK = 30
const CALLS = 200
const DAY = 86_400_000

/** A small deterministic generator, so every run measures the same city. */
function city(): Unit[] {
  const rnd = seededRandom(7000)
  const units: Unit[] = []
  // 7,000 stations over about 80 km × 80 km: a few stations inside each 1 km circle, as in a real city.
  const spanM = 80_000 * Math.sqrt(SCALE)
  const at = (): Unit['location'] => {
    const north = (rnd() - 0.5) * spanM
    const east = (rnd() - 0.5) * spanM
    const lat = DEMO_CENTER_COORDS.latitude + north / 111_320
    const lng =
      DEMO_CENTER_COORDS.longitude +
      east / (111_320 * Math.cos((DEMO_CENTER_COORDS.latitude * Math.PI) / 180))
    return { type: 'Point', coordinates: [Number(lng.toFixed(6)), Number(lat.toFixed(6))] }
  }
  const unit = (id: string, level: Unit['level'], parent: Unit | null, n: number): Unit => ({
    _id: id,
    level,
    name: `${id} 新时代文明实践${level === 'center' ? '中心' : level === 'institute' ? '所' : '站'}`,
    parentId: parent?._id ?? null,
    ancestors: parent ? [...parent.ancestors, parent._id] : [],
    address: `某路 ${n} 号`,
    location: at(),
    phone: '0536-7210000',
    hours: '周一至周五 8:30–17:30',
    code: id.toUpperCase(),
  })
  const institutes: Unit[] = []
  for (let c = 0; c < CENTERS; c++) {
    const center = unit(`c${c}`, 'center', null, c)
    units.push(center)
    for (let i = 0; i < INSTITUTES_PER_CENTER; i++) {
      const institute = unit(`c${c}i${i}`, 'institute', center, i)
      units.push(institute)
      institutes.push(institute)
    }
  }
  for (let s = 0; s < STATIONS; s++)
    units.push(unit(`s${s}`, 'station', institutes[s % institutes.length]!, s))
  return units
}

function activities(stations: Unit[], now: number): Array<Activity & { registrants: string[] }> {
  const rnd = seededRandom(200_000)
  const yearStart = now - 182 * DAY
  const make = (i: number, station: Unit, start: number): Activity & { registrants: string[] } => {
    const registration = rnd() < 0.4
    return {
      _id: `a${i}`,
      unitId: station._id,
      unitPath: [...station.ancestors, station._id],
      unitName: station.name,
      title: `第 ${i} 场 社区活动`,
      category: ACTIVITY_CATEGORIES[i % ACTIVITY_CATEGORIES.length]!,
      description: '活动介绍'.repeat(20),
      place: '党群服务中心二楼会议室',
      start: new Date(start),
      end: new Date(start + 90 * 60_000),
      registrationRequired: registration,
      capacity: registration ? 40 : null,
      registeredCount: registration ? Math.floor(rnd() * 40) : 0,
      registrants: [],
      volunteerSlots: 2,
      theme: null,
      practiceDay: false,
      coverFileId: null,
      contactPhone: '0536-7210000',
      status: 'published',
      cancelReason: null,
      attendedCount: 0,
      createdBy: 'bench',
      createdAt: new Date(now),
      updatedAt: new Date(now),
    }
  }
  const out: Array<Activity & { registrants: string[] }> = []
  for (let i = 0; i < ACTIVITIES - BUSY_STATION_WEEK; i++) {
    const station = stations[Math.floor(rnd() * stations.length)]!
    out.push(
      make(i, station, yearStart + Math.floor(rnd() * 365) * DAY + (8 + Math.floor(rnd() * 11)) * 3_600_000),
    )
  }
  // One busy station: a full programme this week (Monday to Sunday), the longest list a station shows.
  const monday = weekRange(now).start.getTime()
  for (let k = 0; k < BUSY_STATION_WEEK; k++) {
    out.push(make(ACTIVITIES + k, stations[0]!, monday + (k % 7) * DAY + (8 + (k % 5) * 2) * 3_600_000))
  }
  return out
}

/** Counts the database admin requests (round trips) while `fn` runs. */
async function countDb<T>(cloud: LocalCloud, fn: () => Promise<T>): Promise<{ result: T; trips: number }> {
  const db = cloud.db as unknown as { handle: (req: AdminRequest) => Promise<unknown> }
  const original = db.handle
  let trips = 0
  db.handle = (req) => {
    trips++
    return original(req)
  }
  try {
    return { result: await fn(), trips }
  } finally {
    db.handle = original
  }
}

async function sequential(
  n: number,
  call: (i: number) => Promise<unknown>,
): Promise<{ latency: Summary; bytes: number[] }> {
  for (let i = 0; i < 20; i++) await call(i)
  const samples: number[] = []
  const bytes: number[] = []
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    const answer = await call(i)
    samples.push(performance.now() - t0)
    bytes.push(Buffer.byteLength(JSON.stringify(answer)))
  }
  return { latency: summarize(samples), bytes }
}

const f = (x: number, digits = 1) => x.toFixed(digits)

/** The local cloud's floor, as bench/signin.ts measures it: a warm call of the no-op fixture function. */
async function measureFloor(): Promise<Summary> {
  const floorCloud = await startLocalCloud({
    functionsDir: join(__dirname, '..', 'local-cloud', 'test', 'fixtures', 'functions'),
    quiet: true,
    maxInstances: 1,
  })
  try {
    const { latency } = await sequential(CALLS, () =>
      floorCloud.callFunction('noop', {}, { openid: 'bench-floor' }),
    )
    return latency
  } finally {
    await floorCloud.stop()
  }
}

async function main(): Promise<void> {
  await buildFunctions({ quiet: true })
  const floor = await measureFloor()
  const cloud = await startLocalCloud({ quiet: true, maxInstances: 1 })
  try {
    const now = Date.now()
    const t0 = performance.now()
    const units = city()
    const stations = units.filter((u) => u.level === 'station')
    await cloud.db.insertMany('units', units as unknown as Record<string, unknown>[])
    const all = activities(stations, now)
    for (let i = 0; i < all.length; i += 20_000) {
      await cloud.db.insertMany(
        'activities',
        all.slice(i, i + 20_000) as unknown as Record<string, unknown>[],
      )
    }
    await cloud.db.insertMany('users', [{ _id: 'bench-reader', grants: [], createdAt: new Date(now) }])
    console.log(
      `weekly-list bench — ${all.length} activities, ${stations.length} stations, ${units.length - stations.length} centers/institutes (seeded in ${f((performance.now() - t0) / 1000)} s), node ${process.version}`,
    )

    const call = (data: unknown) => cloud.callFunction('activities', data, { openid: 'bench-reader' })
    const router = await sequential(CALLS, () => call({ action: 'noSuchAction', input: {} }))
    const oneTrip = await sequential(CALLS, () =>
      cloud.callFunction('users', { action: 'me', input: {} }, { openid: 'bench-reader' }),
    )
    console.log(
      `no-op floor (fixture noop function, warm)       p50 ${f(floor.p50, 2)} ms  p95 ${f(floor.p95, 2)} ms`,
    )
    console.log(
      `activities, unknown action (router, no database) p50 ${f(router.latency.p50, 2)} ms  p95 ${f(router.latency.p95, 2)} ms`,
    )
    console.log(
      `users.me (exactly 1 db round trip)               p50 ${f(oneTrip.latency.p50, 2)} ms  p95 ${f(oneTrip.latency.p95, 2)} ms   (×floor p50 ${f(oneTrip.latency.p50 / floor.p50, 2)})`,
    )

    const rnd = seededRandom(42)
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!
    const institutes = units.filter((u) => u.level === 'institute')
    const cases: Array<[string, (i: number) => unknown]> = [
      [
        'station week (random station)',
        () => ({ action: 'listWeek', input: { scope: { kind: 'unit', unitId: pick(stations)._id } } }),
      ],
      [
        'station week (busy: 30 activities)',
        () => ({ action: 'listWeek', input: { scope: { kind: 'unit', unitId: stations[0]!._id } } }),
      ],
      [
        'institute week (~35 stations)',
        () => ({ action: 'listWeek', input: { scope: { kind: 'unit', unitId: pick(institutes)._id } } }),
      ],
      [
        '15-minute circle (1 km around a station)',
        () => {
          const [lng, lat] = pick(stations).location.coordinates
          return { action: 'listWeek', input: { scope: { kind: 'nearby', latitude: lat, longitude: lng } } }
        },
      ],
      [
        'next week, random station',
        () => ({
          action: 'listWeek',
          input: {
            scope: { kind: 'unit', unitId: pick(stations)._id },
            week: new Date(now + 7 * DAY).toISOString().slice(0, 10),
          },
        }),
      ],
    ]
    const before = cloud.stats().db.unindexedQueries
    console.log(
      'list'.padEnd(42),
      'db trips/call',
      '  bytes p50 / max',
      '   items avg',
      '  latency p50 (×floor, ×users.me)   p95 (×floor)',
    )
    for (const [label, make] of cases) {
      let items = 0
      const { result, trips } = await countDb(cloud, () =>
        sequential(CALLS, async (i) => {
          const answer = (await call(make(i))) as { ok: boolean; data?: { items: unknown[] } }
          if (!answer.ok) throw new Error(`${label}: ${JSON.stringify(answer)}`)
          items += answer.data!.items.length
          return answer
        }),
      )
      const sizes = summarize(result.bytes)
      const { p50, p95 } = result.latency
      console.log(
        label.padEnd(42),
        f(trips / (CALLS + 20), 2).padStart(13),
        `${f(sizes.p50, 0).padStart(8)} / ${f(sizes.max, 0).padEnd(6)}`,
        f(items / (CALLS + 20), 1).padStart(11),
        `   ${f(p50, 2).padStart(7)} ms (${f(p50 / floor.p50, 1)}, ${f(p50 / oneTrip.latency.p50, 2)})  ${f(p95, 2).padStart(7)} ms (${f(p95 / floor.p95, 2)})`,
      )
    }
    console.log(`unindexed queries during the lists: ${cloud.stats().db.unindexedQueries - before}`)
    console.log(
      'db trips include the router reading the caller (1, alongside the list: not a round of its own); a station week reads the unit and its week in parallel. Sequential rounds: npx tsx bench/rounds.ts',
    )
  } finally {
    await cloud.stop()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
