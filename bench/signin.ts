/**
 * 500 residents signing in to one activity at once (the product's "500 people scanning in the same five
 * minutes", compressed to one burst): throughput, latency p50/p95 as ratios to the local cloud's no-op
 * call floor measured in this run, and database round trips per sign-in. Prints figures; asserts only that
 * the count came out exact (a wrong count makes the figures meaningless).
 *
 *   npx tsx bench/signin.ts            # 500 sign-ins
 *   SIGNIN_BENCH_N=200 npx tsx bench/signin.ts
 */
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { activityDoc } from '../testing/activity-doc'
import { startLocalCloud, type LocalCloud } from '../local-cloud/src'
import type { AdminRequest } from '../local-cloud/src/server'
import { buildFunctions } from '../scripts/build-functions'
import { seedDemo } from '../scripts/seed'
import { summarize, type Summary } from './lib/timing'

const N = Number(process.env.SIGNIN_BENCH_N ?? 500)
const INSTANCES = 10

interface Burst {
  wallMs: number
  latency: Summary
  perSecond: number
}

/** Starts every call at once and times each one and the whole. */
async function burst(n: number, call: (i: number) => Promise<unknown>): Promise<Burst> {
  const started = performance.now()
  const samples = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const t0 = performance.now()
      await call(i)
      return performance.now() - t0
    }),
  )
  const wallMs = performance.now() - started
  return { wallMs, latency: summarize(samples), perSecond: (n / wallMs) * 1000 }
}

async function sequential(n: number, call: (i: number) => Promise<unknown>): Promise<Summary> {
  const samples: number[] = []
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    await call(i)
    samples.push(performance.now() - t0)
  }
  return summarize(samples)
}

/** Counts the database admin requests (round trips) while `fn` runs, by action. */
async function countDb<T>(
  cloud: LocalCloud,
  fn: () => Promise<T>,
): Promise<{ result: T; byAction: Map<string, number> }> {
  const db = cloud.db as unknown as { handle: (req: AdminRequest) => Promise<unknown> }
  const original = db.handle
  const byAction = new Map<string, number>()
  db.handle = (req) => {
    byAction.set(req.action, (byAction.get(req.action) ?? 0) + 1)
    return original(req)
  }
  try {
    return { result: await fn(), byAction }
  } finally {
    db.handle = original
  }
}

const f = (x: number, digits = 1) => x.toFixed(digits)
const line = (label: string, b: Burst, floor?: Burst) =>
  `${label.padEnd(34)} ${f(b.perSecond).padStart(7)} calls/s  wall ${f(b.wallMs, 0).padStart(6)} ms  ` +
  `p50 ${f(b.latency.p50).padStart(7)} ms  p95 ${f(b.latency.p95).padStart(7)} ms` +
  (floor
    ? `   (×floor: p50 ${f(b.latency.p50 / floor.latency.p50, 2)}, p95 ${f(b.latency.p95 / floor.latency.p95, 2)}, throughput ${f(b.perSecond / floor.perSecond, 2)})`
    : '')

async function measureFloor(): Promise<{ seq: Summary; burst: Burst }> {
  const cloud = await startLocalCloud({
    functionsDir: join(__dirname, '..', 'local-cloud', 'test', 'fixtures', 'functions'),
    quiet: true,
    maxInstances: INSTANCES,
  })
  try {
    const noop = () => cloud.callFunction('noop', {}, { openid: 'bench-floor' })
    await burst(INSTANCES * 3, noop) // warm every instance
    const seq = await sequential(200, noop)
    const b = await burst(N, noop)
    return { seq, burst: b }
  } finally {
    await cloud.stop()
  }
}

async function main(): Promise<void> {
  await buildFunctions({ quiet: true })
  const floor = await measureFloor()

  const cloud = await startLocalCloud({ quiet: true, maxInstances: INSTANCES })
  try {
    const now = new Date()
    await seedDemo(cloud, now, { history: false })
    const activity = (id: string) =>
      activityDoc(
        {
          _id: id,
          title: '基准测试：健康讲座',
          category: '健康义诊',
          description: '',
          start: new Date(now.getTime() - 10 * 60_000),
          end: new Date(now.getTime() + 2 * 3600_000),
          createdBy: 'bench',
        },
        now.getTime(),
      ) as unknown as Record<string, unknown>
    await cloud.db.insertMany('activities', [activity('bench-warmup'), activity('bench-signin')])
    const people = Array.from({ length: N }, (_, i) => `bench-resident-${String(i).padStart(4, '0')}`)
    // Existing residents: the steady state (a first-ever call also creates the user record).
    await cloud.db.insertMany(
      'users',
      people.map((_id) => ({ _id, grants: [], createdAt: now })),
    )
    const checkIn = (activityId: string) => (i: number) =>
      cloud.callFunction('signin', { action: 'checkIn', input: { activityId } }, { openid: people[i]! })

    await burst(INSTANCES * 3, checkIn('bench-warmup'))
    // A reference with exactly one database round trip (the router's user read): users.me, warmed too.
    const me = (i: number) => cloud.callFunction('users', { action: 'me', input: {} }, { openid: people[i]! })
    await burst(INSTANCES * 3, me)
    const oneRead = await burst(N, me)
    const seqSignin = await sequential(100, checkIn('bench-warmup'))

    const first = await countDb(cloud, () => burst(N, checkIn('bench-signin')))
    const repeat = await countDb(cloud, () => burst(N, checkIn('bench-signin')))

    const records = cloud.db.find('attendance', { activityId: 'bench-signin' }).length
    const counter = cloud.db.find('activities', { _id: 'bench-signin' })[0]!.attendedCount
    if (records !== N || counter !== N)
      throw new Error(`count is wrong: ${records} records, counter ${counter}`)

    const trips = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0) / N
    const detail = (m: Map<string, number>) =>
      [...m.entries()].map(([action, n]) => `${action.replace('database.', '')} ${f(n / N, 2)}`).join(', ')

    console.log(
      `signin bench — ${N} residents at once, ${INSTANCES} function instances, node ${process.version}`,
    )
    console.log(`no-op floor, sequential           p50 ${f(floor.seq.p50)} ms  p95 ${f(floor.seq.p95)} ms`)
    console.log(
      `checkIn, sequential (warm)        p50 ${f(seqSignin.p50)} ms  p95 ${f(seqSignin.p95)} ms   (×floor: p50 ${f(seqSignin.p50 / floor.seq.p50, 2)}, p95 ${f(seqSignin.p95 / floor.seq.p95, 2)})`,
    )
    console.log(line(`no-op floor, ${N} at once`, floor.burst))
    console.log(line(`users.me (1 db trip), ${N} at once`, oneRead, floor.burst))
    console.log(line(`checkIn, ${N} at once (first)`, first.result, floor.burst))
    console.log(line(`checkIn, ${N} at once (已签到)`, repeat.result, floor.burst))
    console.log(
      `db round trips per sign-in: first ${f(trips(first.byAction), 2)} (${detail(first.byAction)})`,
    )
    console.log(`db round trips per repeat:  ${f(trips(repeat.byAction), 2)} (${detail(repeat.byAction)})`)
    console.log(`result: ${records} attendance records, attendedCount ${counter} (exact)`)
  } finally {
    await cloud.stop()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
