/**
 * The network at city scale: 20 centers, 200 institutes, 7,000 stations (a Weifang-sized city: 16 centers,
 * 152 institutes, 6,962 stations), one manager per unit. For a center's, an institute's and a station's
 * manager: the subtree view (network.tree), the people view (network.holders) and the audit log, with the
 * database requests per call, the sequential rounds, the answer's size and whether any query ran
 * without an index. Goal (issue 13): a subtree view in ≤ 2 database round trips and ≤ 30 KB. Prints
 * figures; asserts nothing.
 *
 *   npx tsx bench/network.ts
 */
import { performance } from 'node:perf_hooks'
import { startLocalCloud, type LocalCloud } from '../local-cloud/src'
import type { AdminRequest } from '../local-cloud/src/server'
import type { AuditDoc } from '../core/contract/network.collections'
import type { Unit, UserRecord } from '../core/domain'
import { buildFunctions } from '../scripts/build-functions'
import { summarize } from './lib/timing'
import { benchUnit } from './lib/fixtures'

const CENTERS = 20
const INSTITUTES_PER_CENTER = 10
const STATIONS_PER_INSTITUTE = 35
const CALLS = 50
/** added to each database request while rounds are counted (not while latency is measured) */
const ROUND_DELAY_MS = 15

function city(): Unit[] {
  const unit = (id: string, level: Unit['level'], parent: Unit | null, name: string, i: number): Unit =>
    benchUnit(id, level, parent, name, {
      address: `${name}党群服务中心一楼`,
      location: { type: 'Point', coordinates: [119.1 + (i % 100) / 1000, 36.7 + Math.floor(i / 100) / 1000] },
      phone: '0536-7210000',
      hours: '周一至周五 8:30–17:30，周六 9:00–12:00',
      code: id.replace(/[^A-Za-z0-9_-]/g, '_'),
      radiusMeters: 1000,
    })
  const out: Unit[] = []
  let n = 0
  for (let c = 0; c < CENTERS; c++) {
    const center = unit(`c${c}`, 'center', null, `第${c + 1}区县新时代文明实践中心`, n++)
    out.push(center)
    for (let i = 0; i < INSTITUTES_PER_CENTER; i++) {
      const inst = unit(
        `c${c}-i${i}`,
        'institute',
        center,
        `第${c + 1}区县第${i + 1}街道新时代文明实践所`,
        n++,
      )
      out.push(inst)
      for (let s = 0; s < STATIONS_PER_INSTITUTE; s++)
        out.push(
          unit(`c${c}-i${i}-s${s}`, 'station', inst, `第${i + 1}街道第${s + 1}社区新时代文明实践站`, n++),
        )
    }
  }
  return out
}

/** Database requests while `fn` runs, and the sequential rounds (requests in flight together share one). */
async function countDb<T>(
  cloud: LocalCloud,
  fn: () => Promise<T>,
): Promise<{ trips: number; rounds: number }> {
  const db = cloud.db as unknown as { handle: (req: AdminRequest) => Promise<unknown> }
  const original = db.handle
  let trips = 0
  let rounds = 0
  let inFlight = 0
  db.handle = async (req) => {
    trips++
    if (inFlight++ === 0) rounds++
    try {
      await new Promise((r) => setTimeout(r, ROUND_DELAY_MS))
      return await original(req)
    } finally {
      inFlight--
    }
  }
  try {
    await fn()
    return { trips, rounds }
  } finally {
    db.handle = original
  }
}

const f = (x: number, d = 1) => x.toFixed(d)

async function main(): Promise<void> {
  await buildFunctions({ quiet: true })
  const cloud = await startLocalCloud({ quiet: true, maxInstances: 1 })
  try {
    const now = new Date()
    const units = city()
    for (let i = 0; i < units.length; i += 2000)
      await cloud.db.insertMany('units', units.slice(i, i + 2000) as unknown as Record<string, unknown>[])
    const users: UserRecord[] = units.map((u, i) => ({
      _id: `m-${u._id}`,
      name: `专管员${i}`,
      grants: [{ role: 'manager', unitId: u._id }],
      createdAt: now,
    }))
    for (let i = 0; i < users.length; i += 2000)
      await cloud.db.insertMany('users', users.slice(i, i + 2000) as unknown as Record<string, unknown>[])
    const audit: AuditDoc[] = units.map((u, i) => ({
      _id: `a-bench-${i}`,
      at: new Date(now.getTime() - i * 60_000),
      kind: 'grant',
      actor: `m-${u.parentId ?? u._id}`,
      actorName: '陈明',
      subject: `m-${u._id}`,
      subjectName: `专管员${i}`,
      role: 'manager',
      unitId: u._id,
      unitName: u.name,
      unitPath: [...u.ancestors, u._id],
      invitationId: null,
      detail: '接受邀请',
    }))
    for (let i = 0; i < audit.length; i += 2000)
      await cloud.db.insertMany('audit_log', audit.slice(i, i + 2000) as unknown as Record<string, unknown>[])

    console.log(
      `network bench — ${units.length} units (${CENTERS} centers, ${CENTERS * INSTITUTES_PER_CENTER} institutes, ${
        CENTERS * INSTITUTES_PER_CENTER * STATIONS_PER_INSTITUTE
      } stations), ${users.length} managers, node ${process.version}`,
    )
    console.log('call'.padEnd(36), 'db requests/call', ' rounds', '  bytes p50 / max', '  latency p50 / p95')
    const cases: Array<[string, string, string, Record<string, unknown>]> = [
      ['center admin: tree', 'm-c7', 'tree', {}],
      ['institute manager: tree', 'm-c7-i3', 'tree', {}],
      ['station manager: tree', 'm-c7-i3-s20', 'tree', {}],
      ['center admin: holders', 'm-c7', 'holders', { unitId: 'c7' }],
      ['institute manager: holders', 'm-c7-i3', 'holders', { unitId: 'c7-i3' }],
      ['center admin: audit (30)', 'm-c7', 'audit', {}],
    ]
    const before = cloud.stats().db.unindexedQueries
    for (const [label, openid, action, input] of cases) {
      const call = () => cloud.callFunction('network', { action, input }, { openid })
      for (let i = 0; i < 5; i++) await call()
      const { trips, rounds } = await countDb(cloud, async () => {
        for (let i = 0; i < 10; i++) await call()
      })
      const samples: number[] = []
      const bytes: number[] = []
      for (let i = 0; i < CALLS; i++) {
        const t0 = performance.now()
        const answer = (await call()) as { ok: boolean }
        samples.push(performance.now() - t0)
        if (!answer.ok) throw new Error(`${label}: ${JSON.stringify(answer)}`)
        bytes.push(Buffer.byteLength(JSON.stringify(answer)))
      }
      const size = summarize(bytes)
      const lat = summarize(samples)
      console.log(
        label.padEnd(36),
        f(trips / 10, 2).padStart(16),
        f(rounds / 10, 2).padStart(7),
        `${f(size.p50, 0).padStart(8)} / ${f(size.max, 0).padEnd(6)}`,
        `  ${f(lat.p50, 2)} / ${f(lat.p95, 2)} ms`,
      )
    }
    const unindexed = cloud.stats().db.unindexedQueries - before
    console.log(`unindexed queries: ${unindexed}`)
    if (unindexed) console.log(JSON.stringify(cloud.stats().db.unindexed.slice(0, 5)))
    console.log(
      'db requests include the router reading the caller (1); rounds are sequential (parallel requests share one). tree = the unit and its children + one aggregate counting the subtree by child and level, in parallel.',
    )
  } finally {
    await cloud.stop()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
