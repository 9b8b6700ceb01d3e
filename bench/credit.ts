/**
 * 我的积分 at scale: a ledger of LINES lines (default 5,000,000) for PEOPLE people (default 100,000),
 * 50 lines each. Prints, for credit.mine (a person's balance and last 20 lines), the database round
 * trips and sequential rounds per call, the answer's size, whether any query ran without an index, and
 * latency. Prints figures; asserts nothing. The size can be scaled down for a quick look:
 *
 *   npx tsx bench/credit.ts
 *   npx tsx bench/credit.ts --lines 1000000 --people 50000
 */
import { performance } from 'node:perf_hooks'
import { startLocalCloud } from '../local-cloud/src'
import { buildFunctions } from '../scripts/build-functions'
import { recordSpans, sequentialRounds } from './lib/rounds'
import { summarize } from './lib/timing'

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}

const LINES = arg('lines', 5_000_000)
const PEOPLE = arg('people', 100_000)
const LATENCY_MS = 20
const CALLS = 50
const BATCH = 10_000

const person = (i: number) => `bench-p${i}`

async function main(): Promise<void> {
  await buildFunctions({ quiet: true })
  const cloud = await startLocalCloud({ quiet: true, maxInstances: 1 })
  try {
    const t0 = performance.now()
    const base = Date.now() - LINES * 1000
    const perPerson = Math.ceil(LINES / PEOPLE)
    const balance = new Map<number, number>()
    for (let start = 0; start < LINES; start += BATCH) {
      const docs: Record<string, unknown>[] = []
      for (let n = start; n < Math.min(LINES, start + BATCH); n++) {
        // line k of person p: people interleaved in time, as in life
        const p = n % PEOPLE
        const k = Math.floor(n / PEOPLE)
        const points = k % 10 === 9 ? -5 : 10
        const after = (balance.get(p) ?? 0) + points
        balance.set(p, after)
        docs.push({
          _id: `svc_bench-${p}-${k}_1`,
          openid: person(p),
          kind: points > 0 ? 'service' : 'redeem',
          points,
          balanceAfter: after,
          sourceId: `bench-${p}-${k}`,
          ruleId: 'c_v0',
          explanation:
            points > 0
              ? '「社区清洁」服务 1 小时，折合 10 分；共 10 分（规则第 0 版）'
              : '爱心超市兑换「毛巾」',
          by: 'system',
          byName: null,
          reason: null,
          unitId: `s${p % 300}`,
          unitPath: ['c', `i${p % 12}`, `s${p % 300}`],
          at: new Date(base + n * 1000),
        })
      }
      await cloud.db.insertMany('credit_ledger', docs)
    }
    const accounts: Record<string, unknown>[] = []
    for (let p = 0; p < PEOPLE; p++)
      accounts.push({
        _id: person(p),
        balance: balance.get(p) ?? 0,
        held: 0,
        earned: 0,
        serviceMinutes: 0,
        servicePointsByDay: {},
        lines: perPerson,
        updatedAt: new Date(),
      })
    for (let i = 0; i < accounts.length; i += BATCH)
      await cloud.db.insertMany('credit_accounts', accounts.slice(i, i + BATCH))
    const loadS = (performance.now() - t0) / 1000
    console.log(
      `credit bench — ${LINES.toLocaleString()} ledger lines, ${PEOPLE.toLocaleString()} people (${perPerson} lines each), loaded in ${loadS.toFixed(0)} s, node ${process.version}`,
    )
    const before = cloud.stats().db.unindexedQueries
    const call = (p: number) =>
      cloud.callFunction('credit', { action: 'mine', input: {} }, { openid: person(p) })
    // warm up (each person's first call creates their users record: not what is measured)
    for (let i = 0; i < 10; i++) await call(i * 997)
    const samples: number[] = []
    const bytes: number[] = []
    for (let i = 0; i < CALLS; i++) {
      const p = (i * 7919) % PEOPLE
      await call(p) // their users record exists from here on
      const t = performance.now()
      const answer = (await call(p)) as { ok: boolean; data?: { balance: number; lines: unknown[] } }
      samples.push(performance.now() - t)
      if (!answer.ok || answer.data!.balance !== balance.get(p) || answer.data!.lines.length !== 20)
        throw new Error(`mine for ${person(p)}: ${JSON.stringify(answer).slice(0, 200)}`)
      bytes.push(Buffer.byteLength(JSON.stringify(answer)))
    }
    const lat = summarize(samples)
    const size = summarize(bytes)
    const unindexed = cloud.stats().db.unindexedQueries - before
    console.log(
      `credit.mine: latency p50 ${lat.p50.toFixed(1)} ms / p95 ${lat.p95.toFixed(1)} ms, answer ${size.p50} bytes p50`,
    )
    console.log(`unindexed queries during the calls: ${unindexed}`)
    await cloud.stop()

    // rounds and trips: a cloud with per-request latency, a small ledger (they do not depend on its size)
    const slow = await startLocalCloud({ quiet: true, maxInstances: 1, dbLatencyMs: LATENCY_MS })
    try {
      await slow.db.insertMany('credit_accounts', accounts.slice(0, 5))
      for (let p = 0; p < 5; p++)
        await slow.callFunction('credit', { action: 'mine', input: {} }, { openid: person(p) })
      const measured: Array<{ rounds: number; trips: number; actions: string[] }> = []
      for (let p = 0; p < 5; p++) {
        const { spans } = await recordSpans(slow, LATENCY_MS, () =>
          slow.callFunction('credit', { action: 'mine', input: {} }, { openid: person(p) }),
        )
        measured.push({
          rounds: sequentialRounds(spans),
          trips: spans.length,
          actions: spans.map((s) => s.action),
        })
      }
      const m = measured[measured.length - 1]!
      await slow.db.insertMany('units', [
        {
          _id: 's1',
          level: 'station',
          name: '某站',
          parentId: 'i1',
          ancestors: ['c', 'i1'],
          address: '',
          location: { type: 'Point', coordinates: [119.1, 36.7] },
          phone: '',
          hours: '',
          code: 'S1',
        },
      ])
      const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7)
      const { spans: boardSpans } = await recordSpans(slow, LATENCY_MS, () =>
        slow.callFunction(
          'credit',
          { action: 'board', input: { unitId: 's1', month } },
          { openid: person(0) },
        ),
      )
      console.log(
        `credit.board (a unit's month): ${boardSpans.length} round trips (${boardSpans.map((x) => x.action).join(', ')}), ${sequentialRounds(boardSpans)} sequential round(s)`,
      )
      console.log(
        `credit.mine: ${m.trips} round trips (${m.actions.join(', ')}), sequential rounds per call ${measured.map((x) => x.rounds).join(' / ')} — the caller's record read alongside (callerOnDemand)`,
      )
    } finally {
      await slow.stop()
    }
  } catch (err) {
    await cloud.stop().catch(() => undefined)
    throw err
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
