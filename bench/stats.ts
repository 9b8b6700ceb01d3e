/**
 * Statistics at one center's scale of the issue's city (a city: 20 centers, 7,000 stations, 200,000
 * activities and 1.5 million attendances a year → one center: 20 institutes, 350 stations, 10,000
 * activities a year carrying 75,000 attendances, 20,000 confirmed service sessions, 2,000 orders).
 * Each activity carries its attendees (a pool of 25,000 residents), each session a ledger line, and the
 * center has 5,000 notice subscriptions. Prints: the nightly repair as the timer runs it (each firing's
 * time, its budgeted steps: the center-year's scan, then its apply), the center's year report (database
 * requests, sequential rounds, bytes the database answered, answer size), the Excel of a center-month
 * and a center-year (time, size, rows), and the city's night extrapolated. Asserts nothing.
 *
 *   npx tsx bench/stats.ts [--scale 0.25]
 */
import { performance } from 'node:perf_hooks'
import { startLocalCloud, type LocalCloud } from '../local-cloud/src'
import type { AdminRequest } from '../local-cloud/src/server'
import type { Unit } from '../core/domain'
import { parseShanghaiDate } from '../core/time'
import { buildFunctions } from '../scripts/build-functions'
import { benchUnit, seededRandom } from './lib/fixtures'

/** `--scale 0.25`: that share of a center's year (the units stay), for the trend on a slow machine */
const scaleArg = process.argv.indexOf('--scale')
const SCALE = scaleArg > 0 ? Number(process.argv[scaleArg + 1]) : 1
if (!(SCALE > 0 && SCALE <= 1)) throw new Error('--scale takes a number in (0, 1]')
const scaled = (n: number) => Math.round(n * SCALE)
const INSTITUTES = 20
const STATIONS_PER_INSTITUTE = 17 // 340 stations + 20 institutes + the center
const ACTIVITIES = scaled(10_000)
const ATTENDANCES = scaled(75_000)
const SESSIONS = scaled(20_000)
const ORDERS = scaled(2_000)
const RESIDENTS = scaled(25_000)
const SUBSCRIPTIONS = scaled(5_000)
const CITY_CENTERS = 20
const ROUND_DELAY_MS = 15
const YEAR = '2026'

function center(): Unit[] {
  const unit = benchUnit
  const c = unit('c', 'center', null, '某县新时代文明实践中心')
  const out = [c]
  for (let i = 0; i < INSTITUTES; i++) {
    const inst = unit(`i${i}`, 'institute', c, `第${i + 1}镇街新时代文明实践所`)
    out.push(inst)
    for (let s = 0; s < STATIONS_PER_INSTITUTE; s++)
      out.push(unit(`s${i}-${s}`, 'station', inst, `第${i + 1}镇街第${s + 1}村新时代文明实践站`))
  }
  return out
}

async function countDb<T>(cloud: LocalCloud, fn: () => Promise<T>) {
  const db = cloud.db as unknown as { handle: (req: AdminRequest) => Promise<unknown> }
  const original = db.handle
  let trips = 0
  let rounds = 0
  let bytes = 0
  let inFlight = 0
  db.handle = async (req) => {
    trips++
    if (inFlight++ === 0) rounds++
    try {
      await new Promise((r) => setTimeout(r, ROUND_DELAY_MS))
      const res = await original(req)
      bytes += Buffer.byteLength(JSON.stringify(res ?? null))
      return res
    } finally {
      inFlight--
    }
  }
  try {
    const result = await fn()
    return { result, trips, rounds, bytes }
  } finally {
    db.handle = original
  }
}

async function insertAll(cloud: LocalCloud, name: string, docs: object[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 5000)
    await cloud.db.insertMany(name, docs.slice(i, i + 5000) as unknown as Record<string, unknown>[])
}

async function main(): Promise<void> {
  await buildFunctions({ quiet: true })
  const cloud = await startLocalCloud({ quiet: true, maxInstances: 1 })
  try {
    const rnd = seededRandom(16)
    const units = center()
    const stations = units.filter((u) => u.level === 'station')
    await insertAll(cloud, 'units', units)
    const yearStart = parseShanghaiDate(`${YEAR}-01-01`).getTime()
    const YEAR_MS = 365 * 86_400_000
    const acts = Array.from({ length: ACTIVITIES }, (_, i) => {
      const s = stations[Math.floor(rnd() * stations.length)]!
      const start = new Date(yearStart + Math.floor(rnd() * (YEAR_MS - 86_400_000)))
      return {
        _id: `a${i}`,
        unitId: s._id,
        unitPath: [...s.ancestors, s._id],
        unitName: s.name,
        title: `第${i + 1}场志愿服务活动`,
        category: '理论宣讲',
        start,
        end: new Date(start.getTime() + 2 * 3_600_000),
        status: rnd() < 0.03 ? 'cancelled' : 'published',
        registeredCount: 0,
        attendedCount: 0,
        attendees: [] as string[],
      }
    })
    for (const a of acts) {
      const n = Math.round((ATTENDANCES / ACTIVITIES) * (0.5 + rnd()))
      const who = new Set<string>()
      while (who.size < n) who.add(`r${Math.floor(rnd() * RESIDENTS)}`)
      a.attendees = [...who]
      a.attendedCount = n
    }
    await insertAll(cloud, 'activities', acts)
    const sessions = Array.from({ length: SESSIONS }, (_, i) => {
      const a = acts[Math.floor(rnd() * acts.length)]!
      return {
        _id: `${a._id}_v${i}`,
        activityId: a._id,
        unitId: a.unitId,
        unitPath: a.unitPath,
        unitName: a.unitName,
        activityStart: a.start,
        activityEnd: a.end,
        openid: `v${i % scaled(3000)}`,
        name: `志愿者${i % scaled(3000)}`,
        status: 'confirmed',
        minutes: 30 + Math.floor(rnd() * 150),
      }
    })
    await insertAll(cloud, 'service_records', sessions)
    await insertAll(
      cloud,
      'credit_ledger',
      sessions.map((r, i) => ({
        _id: `svc_${r._id}_1`,
        openid: r.openid,
        kind: i % 10 === 9 ? 'redeem' : 'service',
        points: i % 10 === 9 ? -20 : 10,
        sourceId: r._id,
        unitId: r.unitId,
        unitPath: r.unitPath,
        at: new Date(new Date(r.activityStart).getTime() + 86_400_000),
      })),
    )
    await insertAll(
      cloud,
      'subscriptions',
      Array.from({ length: SUBSCRIPTIONS }, (_, i) => {
        const s = stations[i % stations.length]!
        return { _id: `tpl:r${i}`, openid: `r${i}`, centerId: 'c', stationId: s._id, credits: i % 3 }
      }),
    )
    const orderDocs = Array.from({ length: ORDERS }, (_, i) => {
      const s = stations[Math.floor(rnd() * stations.length)]!
      return {
        _id: `o${i}`,
        unitId: s._id,
        unitPath: [...s.ancestors, s._id],
        unitName: s.name,
        category: '理发',
        state: 'rated',
        teamName: '志愿服务队',
        rating: { stars: 5, comment: '', at: new Date(), changes: 0 },
        submittedAt: new Date(yearStart + Math.floor(rnd() * (YEAR_MS - 86_400_000))),
      }
    })
    await insertAll(cloud, 'orders', orderDocs)
    await cloud.db.insertMany('users', [{ _id: 'm-center', grants: [{ role: 'manager', unitId: 'c' }] }])
    console.log(
      `data: ${units.length} units, ${ACTIVITIES} activities (${ATTENDANCES}≈ attendances), ${SESSIONS} confirmed sessions, ${ORDERS} orders`,
    )

    // the apply may follow its scan at the next firing (production waits 65 s: firings are 2 minutes apart)
    await cloud.db.insertMany('stats_repair', [{ _id: 'settings', quietMs: 0 }])
    let t0 = performance.now()
    const firings: number[] = []
    for (let i = 0; i < 10; i++) {
      const f0 = performance.now()
      const r = (await cloud.fireTimer('stats')) as {
        more: boolean
        steps: Array<{ phase: string; year: string; ms: number; report: object }>
      }
      firings.push(performance.now() - f0)
      for (const s of r.steps)
        console.log(
          `repair firing ${i + 1}: ${s.phase} of center-year ${s.year}: ${s.ms} ms ${JSON.stringify(s.report)}`,
        )
      if (!r.more) break
    }
    const total = performance.now() - t0
    const scanMs = Math.max(...firings)
    console.log(
      `nightly repair of one center: ${firings.length} firings (${firings.map((ms) => ms.toFixed(0)).join(', ')} ms; budget 40,000 ms of the 60,000 ms limit), ${total.toFixed(0)} ms in all`,
    )
    console.log(
      `a city of ${CITY_CENTERS} centers: ${CITY_CENTERS} scans of ≈${(scanMs / 1000).toFixed(1)} s, ${Math.max(1, Math.floor(40_000 / scanMs))} per 2-minute firing → ≈${Math.ceil(CITY_CENTERS / Math.max(1, Math.floor(40_000 / scanMs))) + 1} firings, ≈${(2 * (Math.ceil(CITY_CENTERS / Math.max(1, Math.floor(40_000 / scanMs))) + 1)).toFixed(0)} minutes of the 02:00–05:00 window`,
    )

    const call = (action: 'report' | 'export', input: object) =>
      cloud.callFunction('stats', { action, input }, { openid: 'm-center', appid: 'bench' })
    await call('report', { unitId: 'c', period: 'year', date: `${YEAR}-06-01` }) // warm the instance
    const year = await countDb(cloud, () =>
      call('report', { unitId: 'c', period: 'year', date: `${YEAR}-06-01` }),
    )
    const bytes = Buffer.byteLength(JSON.stringify(year.result))
    console.log(
      `center year report: ${year.trips} database requests, ${year.rounds} sequential rounds (router's user read included), ${(year.bytes / 1024).toFixed(1)} KB from the database, answer ${(bytes / 1024).toFixed(1)} KB`,
    )
    t0 = performance.now()
    const file = (await call('export', { unitId: 'c', period: 'month', date: `${YEAR}-06-01` })) as {
      ok: boolean
      data?: { bytes: number; rows: object }
      message?: string
    }
    const ms = performance.now() - t0
    if (!file.ok) throw new Error(`export failed: ${file.message}`)
    console.log(
      `center-month Excel: ${ms.toFixed(0)} ms (limit 60,000 ms), ${(file.data!.bytes / 1024).toFixed(1)} KB, rows ${JSON.stringify(file.data!.rows)}`,
    )
    t0 = performance.now()
    const yfile = (await call('export', { unitId: 'c', period: 'year', date: `${YEAR}-06-01` })) as {
      ok: boolean
      data?: { bytes: number; rows: object }
      message?: string
    }
    console.log(
      `center-year Excel: ${(performance.now() - t0).toFixed(0)} ms, ${yfile.ok ? `${(yfile.data!.bytes / 1024).toFixed(1)} KB, rows ${JSON.stringify(yfile.data!.rows)}` : yfile.message}`,
    )
  } finally {
    await cloud.stop()
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
