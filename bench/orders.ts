/**
 * A manager's order queue (点单派单) at city scale: 10,000 open orders (待派单, 待接单, 服务中) across one
 * city's network (1 center, 12 institutes, 360 stations), some escalated to the institutes and the center,
 * one busy station with 600 waiting. For each manager — a station's, a busy station's, an institute's,
 * the center's — prints database requests per call and the sequential rounds, the answer's size, and
 * whether any query ran without an index. Also a volunteer's 可接订单. Prints figures; asserts nothing.
 *
 *   npx tsx bench/orders.ts
 */
import { performance } from 'node:perf_hooks'
import { startLocalCloud, type LocalCloud } from '../local-cloud/src'
import type { AdminRequest } from '../local-cloud/src/server'
import type { Unit } from '../core/domain'
import { SERVICE_CATEGORIES } from '../core/orders/categories'
import { orderFixture } from '../core/orders/fixture'
import type { OrderDoc, OrderState } from '../core/orders/model'
import { monthKey } from '../core/orders/notice'
import { buildFunctions } from '../scripts/build-functions'
import { summarize } from './lib/timing'
import { benchUnit, seededRandom } from './lib/fixtures'

const OPEN_ORDERS = 10_000
const INSTITUTES = 12
const STATIONS_PER_INSTITUTE = 30
const BUSY_WAITING = 600
const CALLS = 100
/** added to each database request while rounds are counted (not while latency is measured) */
const ROUND_DELAY_MS = 15
const HOUR = 3_600_000

function city(): Unit[] {
  const unit = benchUnit
  const center = unit('c', 'center', null, '某市新时代文明实践中心')
  const out = [center]
  for (let i = 0; i < INSTITUTES; i++) {
    const inst = unit(`i${i}`, 'institute', center, `第${i + 1}街道新时代文明实践所`)
    out.push(inst)
    for (let s = 0; s < STATIONS_PER_INSTITUTE; s++)
      out.push(unit(`s${i}-${s}`, 'station', inst, `第${i + 1}街道第${s + 1}社区新时代文明实践站`))
  }
  return out
}

function orders(units: Unit[], now: number): OrderDoc[] {
  const rnd = seededRandom(14)
  const stations = units.filter((u) => u.level === 'station')
  const byId = new Map(units.map((u) => [u._id, u]))
  const states: OrderState[] = ['submitted', 'dispatched', 'accepted']
  const out: OrderDoc[] = []
  for (let i = 0; i < OPEN_ORDERS; i++) {
    const busy = i < BUSY_WAITING
    const station = busy ? stations[0]! : stations[Math.floor(rnd() * stations.length)]!
    const state = busy ? 'submitted' : states[Math.floor(rnd() * states.length)]!
    const path = [...station.ancestors, station._id]
    // one in five waiting orders has been escalated: one in ten to the institute, one in ten to the center
    const r = rnd()
    const queuePath = state === 'submitted' && !busy && r < 0.2 ? path.slice(0, r < 0.1 ? 2 : 1) : path
    const queue = byId.get(queuePath[queuePath.length - 1]!)!
    const submittedAt = new Date(now - Math.floor(rnd() * 72) * HOUR)
    out.push(
      orderFixture(state, {
        _id: `bench-o-${i}`,
        centerId: 'c',
        category: SERVICE_CATEGORIES[i % SERVICE_CATEGORIES.length]!,
        unitId: station._id,
        unitName: station.name,
        unitPath: path,
        queueUnitId: queue._id,
        queueUnitName: queue.name,
        queuePath,
        teamId: state === 'submitted' ? null : `team-${i % 50}`,
        holder: state === 'accepted' ? `vol-${i % 500}` : null,
        submittedAt,
        updatedAt: new Date(submittedAt.getTime() + HOUR),
        dispatchedAt: state === 'submitted' ? null : new Date(submittedAt.getTime() + HOUR),
        escalateAt: state === 'submitted' ? new Date(now + HOUR) : null,
        wantedAt: new Date(now + 24 * HOUR),
        month: monthKey(submittedAt),
        // a realistic history: placed, dispatched, accepted (lists leave it out)
        history: [],
        note: i % 3 ? '' : '老人腿脚不便，请提前打电话联系，谢谢',
      }),
    )
  }
  return out
}

/**
 * Counts the database admin requests while `fn` runs, and the sequential rounds: a request that starts
 * while none is in flight starts a new round (parallel requests share one).
 */
async function countDb<T>(
  cloud: LocalCloud,
  fn: () => Promise<T>,
): Promise<{ result: T; trips: number; rounds: number }> {
  const db = cloud.db as unknown as { handle: (req: AdminRequest) => Promise<unknown> }
  const original = db.handle
  let trips = 0
  let rounds = 0
  let inFlight = 0
  db.handle = async (req) => {
    trips++
    if (inFlight++ === 0) rounds++
    try {
      // a network's worth of delay, so requests sent together are seen in flight together
      await new Promise((r) => setTimeout(r, ROUND_DELAY_MS))
      return await original(req)
    } finally {
      inFlight--
    }
  }
  try {
    return { result: await fn(), trips, rounds }
  } finally {
    db.handle = original
  }
}

const f = (x: number, d = 1) => x.toFixed(d)

async function main(): Promise<void> {
  await buildFunctions({ quiet: true })
  const cloud = await startLocalCloud({ quiet: true, maxInstances: 1 })
  try {
    const now = Date.now()
    const units = city()
    await cloud.db.insertMany('units', units as unknown as Record<string, unknown>[])
    const all = orders(units, now)
    for (let i = 0; i < all.length; i += 5000)
      await cloud.db.insertMany('orders', all.slice(i, i + 5000) as unknown as Record<string, unknown>[])
    const manager = (id: string, unitId: string) => ({
      _id: id,
      grants: [{ role: 'manager', unitId }],
      createdAt: new Date(now),
    })
    await cloud.db.insertMany('users', [
      manager('m-station', 's3-7'),
      manager('m-busy', 's0-0'),
      manager('m-institute', 'i5'),
      manager('m-center', 'c'),
      {
        _id: 'vol-bench',
        grants: [{ role: 'volunteer', unitId: 'c' }],
        teamIds: ['team-7', 'team-8'],
        createdAt: new Date(now),
      },
    ])
    const counts = all.reduce<Record<string, number>>((m, o) => ((m[o.state] = (m[o.state] ?? 0) + 1), m), {})
    console.log(
      `orders bench — ${all.length} open orders (${Object.entries(counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}), ${units.length} units, node ${process.version}`,
    )
    console.log(
      'call'.padEnd(44),
      'db requests/call',
      ' rounds',
      '  bytes p50 / max',
      '  items',
      '  latency p50 / p95',
    )
    const cases: Array<[string, string, string, unknown]> = [
      ['station manager: queue', 'm-station', 'queue', {}],
      ['busy station (600 waiting): queue', 'm-busy', 'queue', {}],
      ['institute manager: queue', 'm-institute', 'queue', {}],
      ['center admin: queue', 'm-center', 'queue', {}],
      ['volunteer (2 teams): 可接订单', 'vol-bench', 'available', {}],
    ]
    const before = cloud.stats().db.unindexedQueries
    for (const [label, openid, action, input] of cases) {
      const call = () => cloud.callFunction('orders', { action, input }, { openid })
      for (let i = 0; i < 10; i++) await call()
      const samples: number[] = []
      const bytes: number[] = []
      let items = 0
      const { trips, rounds } = await countDb(cloud, async () => {
        for (let i = 0; i < 20; i++) await call()
      })
      {
        for (let i = 0; i < CALLS; i++) {
          const t0 = performance.now()
          const answer = (await call()) as { ok: boolean; data?: Record<string, unknown[]> }
          samples.push(performance.now() - t0)
          if (!answer.ok) throw new Error(`${label}: ${JSON.stringify(answer)}`)
          bytes.push(Buffer.byteLength(JSON.stringify(answer)))
          items += Object.values(answer.data!).reduce((n, v) => n + (Array.isArray(v) ? v.length : 0), 0)
        }
      }
      const size = summarize(bytes)
      const lat = summarize(samples)
      console.log(
        label.padEnd(44),
        f(trips / 20, 2).padStart(16),
        f(rounds / 20, 2).padStart(7),
        `${f(size.p50, 0).padStart(8)} / ${f(size.max, 0).padEnd(6)}`,
        f(items / CALLS, 1).padStart(6),
        `  ${f(lat.p50, 2)} / ${f(lat.p95, 2)} ms`,
      )
    }
    const unindexed = cloud.stats().db.unindexedQueries - before
    console.log(`unindexed queries during the lists: ${unindexed}`)
    if (unindexed) console.log(JSON.stringify(cloud.stats().db.unindexed.slice(0, 5)))
    console.log(
      'db requests include the router reading the caller; rounds are sequential (parallel requests share one). A queue answers at most 20 waiting + 20 under way (more: true says there are more).',
    )
  } finally {
    await cloud.stop()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
