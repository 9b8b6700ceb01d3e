/**
 * Sequential database rounds per action: what a user waits for on the platform, where each round is
 * tens of milliseconds. Runs the built functions on a local cloud whose every database request waits
 * ROUNDS_BENCH_LATENCY_MS (default 25) before the database sees it, so requests a function sends together
 * overlap and requests it sends one after another do not (bench/lib/rounds.ts). Prints, per action, the
 * sequential rounds and the round trips of one call (median of a few calls, each by its own person),
 * for a person who has called before and for a first-ever call (which also creates the user record).
 * Prints figures; asserts only that every call answered ok.
 *
 *   npx tsx bench/rounds.ts
 */
import type { ActionName, FunctionName, InputOf } from '../core/contract'
import type { Result } from '../core/errors'
import { startLocalCloud, type LocalCloud } from '../local-cloud/src'
import { buildFunctions } from '../scripts/build-functions'
import { DEMO_CENTER_COORDS, DEMO_IDENTITIES, DEMO_IDS, seedDemo } from '../scripts/seed'
import { activityDoc } from '../testing/activity-doc'
import { recordSpans, sequentialRounds } from './lib/rounds'

const LATENCY_MS = Number(process.env.ROUNDS_BENCH_LATENCY_MS ?? 25)
const CALLS = 5
const HOUR = 3_600_000

interface Case {
  label: string
  /** the person: an existing resident (i-th), a first-ever caller (i-th), or a fixed identity */
  who: 'resident' | 'manager'
  call: (cloud: LocalCloud, openid: string) => Promise<Result<unknown>>
}

function action<F extends FunctionName, A extends ActionName<F>>(
  label: string,
  fn: F,
  name: A,
  input: InputOf<F, A>,
  who: Case['who'] = 'resident',
): Case {
  return {
    label: `${fn}.${name}${label ? ` (${label})` : ''}`,
    who,
    call: async (cloud, openid) =>
      (await cloud.callFunction(fn, { action: name, input }, { openid })) as Result<unknown>,
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function main(): Promise<void> {
  await buildFunctions({ quiet: true })
  const cloud = await startLocalCloud({ quiet: true, maxInstances: 1, dbLatencyMs: LATENCY_MS })
  try {
    const now = new Date()
    await seedDemo(cloud, now, { history: false })
    const t = now.getTime()
    await cloud.db.insertMany('activities', [
      activityDoc(
        { _id: 'bench-open', registrationRequired: true, capacity: 10_000, title: '基准测试：报名' },
        t,
      ),
      activityDoc(
        {
          _id: 'bench-now',
          start: new Date(t - 10 * 60_000),
          end: new Date(t + 2 * HOUR),
          title: '基准测试：签到',
        },
        t,
      ),
    ] as unknown as Record<string, unknown>[])
    const residents = (prefix: string) => Array.from({ length: CALLS * 20 }, (_, i) => `${prefix}-${i}`)
    const known = residents('bench-known')
    await cloud.db.insertMany(
      'users',
      known.map((_id) => ({ _id, grants: [], createdAt: now })),
    )
    const fresh = residents('bench-fresh')

    const { latitude, longitude } = DEMO_CENTER_COORDS
    const cases: Case[] = [
      action('', 'stations', 'nearby', { latitude, longitude }),
      action('', 'stations', 'list', {}),
      action('', 'stations', 'get', { id: DEMO_IDS.firstStation }),
      action('station', 'activities', 'listWeek', { scope: { kind: 'unit', unitId: DEMO_IDS.firstStation } }),
      action('15-minute circle', 'activities', 'listWeek', {
        scope: { kind: 'nearby', latitude, longitude },
      }),
      action('', 'activities', 'get', { id: 'bench-open' }),
      action('', 'users', 'me', {}),
      action('', 'inbox', 'unread', {}),
      action('', 'activities', 'mine', {}),
      action('', 'notices', 'mySubscription', {}),
      action('', 'activities', 'register', { id: 'bench-open' }),
      action('', 'signin', 'checkIn', { activityId: 'bench-now' }),
      action('manager', 'activities', 'managed', {}, 'manager'),
      action('manager', 'codes', 'list', {}, 'manager'),
    ]

    // Warm every function instance (a cold start's module load is not a database round).
    for (const c of cases) await c.call(cloud, DEMO_IDENTITIES.resident)

    // Each call is by its own person (register and checkIn change state); a first-ever caller only once.
    const next = { known: 0, fresh: 0 }
    const measure = async (c: Case, kind: 'known' | 'fresh') => {
      const people = kind === 'known' ? known : fresh
      const rounds: number[] = []
      const trips: number[] = []
      for (let i = 0; i < CALLS; i++) {
        const openid = c.who === 'manager' ? DEMO_IDENTITIES.stationManager : people[next[kind]++]!
        const { result, spans } = await recordSpans(cloud, LATENCY_MS, () => c.call(cloud, openid))
        if (!result.ok) throw new Error(`${c.label}: ${result.code} ${result.message}`)
        rounds.push(sequentialRounds(spans))
        trips.push(spans.length)
      }
      return { rounds: median(rounds), trips: median(trips) }
    }

    console.log(
      `rounds bench — sequential database rounds per call (median of ${CALLS}), db latency ${LATENCY_MS} ms, node ${process.version}`,
    )
    console.log(
      `${'action'.padEnd(40)} ${'rounds'.padStart(6)} ${'trips'.padStart(6)}   first-ever call: rounds trips`,
    )
    for (const c of cases) {
      const warm = await measure(c, 'known')
      const first = c.who === 'manager' ? null : await measure(c, 'fresh')
      console.log(
        `${c.label.padEnd(40)} ${String(warm.rounds).padStart(6)} ${String(warm.trips).padStart(6)}   ${
          first
            ? `${String(first.rounds).padStart(22)} ${String(first.trips).padStart(5)}`
            : '(fixed identity)'.padStart(28)
        }`,
      )
    }
    console.log('a round is what one database request costs a user; trips sent together share one round.')
  } finally {
    await cloud.stop()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
