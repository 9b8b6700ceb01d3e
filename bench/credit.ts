/**
 * 我的积分 and 晾榜 at scale: a ledger of LINES lines (default 5,000,000) for PEOPLE people (default
 * 100,000), people interleaved in time, one line a second up to now, at 300 stations of 12 institutes.
 * Prints, for credit.mine (a person's balance and last 20 lines) and credit.board (a station's month),
 * latency p50/p95, answer bytes, whether any query ran without an index, and — on a second, small cloud
 * with a per-request database latency — round trips and sequential rounds per call; and the load time
 * and memory. Prints figures; asserts only that the answers are right.
 *
 * The ledger is written straight into the data folder in the database's journal format
 * (bench/lib/bulk-load.ts: what insertMany would journal, loaded by the replay a restart runs), with
 * each person's users record, so the calls measured write nothing and start no background compaction.
 *
 *   npx tsx bench/credit.ts --lines 200000 --people 10000
 *   NODE_OPTIONS=--max-old-space-size=14000 npx tsx bench/credit.ts --lines 5000000 --people 100000
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Unit } from '../core/domain'
import { formatDate } from '../core/time'
import { startLocalCloud } from '../local-cloud/src'
import { buildFunctions } from '../scripts/build-functions'
import { journalWriter } from './lib/bulk-load'
import { benchUnit } from './lib/fixtures'
import { recordSpans, sequentialRounds } from './lib/rounds'
import { summarize } from './lib/timing'

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}

const LINES = arg('lines', 5_000_000)
const PEOPLE = arg('people', 100_000)
const CALLS = arg('calls', 50)
const STATIONS = 300
const INSTITUTES = 12
const LATENCY_MS = 20

const person = (i: number) => `bench-p${i}`
const station = (p: number) => p % STATIONS
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`

function units(): Unit[] {
  const center = benchUnit('c', 'center', null, '某县新时代文明实践中心')
  const institutes = Array.from({ length: INSTITUTES }, (_, i) =>
    benchUnit(`i${i}`, 'institute', center, `第${i}实践所`),
  )
  const stations = Array.from({ length: STATIONS }, (_, s) =>
    benchUnit(`s${s}`, 'station', institutes[s % INSTITUTES]!, `第${s}实践站`),
  )
  return [center, ...institutes, ...stations]
}

/** Line n (0-based) of the ledger, and what it adds to its person. */
function line(n: number, base: number, balanceAfter: number) {
  const p = n % PEOPLE
  const k = Math.floor(n / PEOPLE)
  const points = k % 10 === 9 ? -5 : 10
  const s = station(p)
  return {
    _id: points > 0 ? `svc_bench-${p}-${k}_1` : `rdm_bench-${p}-${k}`,
    openid: person(p),
    kind: points > 0 ? 'service' : 'redeem',
    points,
    balanceAfter,
    sourceId: `bench-${p}-${k}`,
    ruleId: points > 0 ? 'c_v0' : null,
    explanation:
      points > 0 ? '「社区清洁」服务 1 小时，折合 10 分；共 10 分（规则第 0 版）' : '爱心超市兑换「毛巾」',
    by: 'system',
    byName: null,
    reason: null,
    unitId: `s${s}`,
    unitPath: ['c', `i${s % INSTITUTES}`, `s${s}`],
    at: new Date(base + n * 1000),
  }
}

function memory(): string {
  ;(globalThis as { gc?: () => void }).gc?.()
  const m = process.memoryUsage()
  return `heap ${mb(m.heapUsed)}, rss ${mb(m.rss)}`
}

type Answer<T> = { ok: boolean; data?: T }
interface MineData {
  balance: number
  lines: unknown[]
}
interface BoardData {
  rows: Array<{ points: number }>
}

async function measure(
  calls: number,
  call: (i: number) => Promise<unknown>,
  check: (i: number, answer: unknown) => void,
) {
  const samples: number[] = []
  const bytes: number[] = []
  for (let i = 0; i < calls; i++) {
    const t = performance.now()
    const answer = await call(i)
    samples.push(performance.now() - t)
    check(i, answer)
    bytes.push(Buffer.byteLength(JSON.stringify(answer)))
  }
  const lat = summarize(samples)
  const size = summarize(bytes)
  return `latency p50 ${lat.p50.toFixed(1)} ms / p95 ${lat.p95.toFixed(1)} ms, answer ${(size.p50 / 1024).toFixed(1)} KB p50 / ${(size.p95 / 1024).toFixed(1)} KB p95 (${calls} calls)`
}

async function bigLedger(): Promise<{ accounts: Record<string, unknown>[] }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'credit-bench-'))
  try {
    // 1. write the data folder
    let t = performance.now()
    const base = Date.now() - LINES * 1000
    const balance = new Float64Array(PEOPLE)
    const count = new Uint32Array(PEOPLE)
    const month = formatDate(Date.now()).slice(0, 7)
    /** this month's board points of station 0's people (service lines only here) */
    const board0 = new Map<number, number>()
    const writer = journalWriter(dataDir)
    writer.add('units', units() as unknown as Record<string, unknown>[])
    writer.add(
      'credit_ledger',
      (function* () {
        for (let n = 0; n < LINES; n++) {
          const p = n % PEOPLE
          const l = line(n, base, 0)
          balance[p] += l.points
          count[p]++
          l.balanceAfter = balance[p]!
          if (station(p) === 0 && l.kind === 'service' && formatDate(l.at).startsWith(month))
            board0.set(p, (board0.get(p) ?? 0) + l.points)
          yield l
        }
      })(),
    )
    const accounts = Array.from({ length: PEOPLE }, (_, p) => ({
      _id: person(p),
      balance: balance[p],
      held: 0,
      earned: 0,
      serviceMinutes: 0,
      servicePointsByDay: {},
      lines: count[p],
      updatedAt: new Date(),
      name: `张${p}明`,
    }))
    writer.add('credit_accounts', accounts)
    // the people's users records (what their first call would create), so the measured calls write nothing
    writer.add(
      'users',
      (function* () {
        for (let p = 0; p < PEOPLE; p++)
          yield {
            _id: person(p),
            name: `张${p}明`,
            grants: [],
            homeUnitId: `s${station(p)}`,
            createdAt: new Date(base),
          }
      })(),
    )
    const bytes = writer.close()
    const writeS = (performance.now() - t) / 1000

    // 2. open: replay the journals and build the indexes. The journals outgrow the (absent) snapshot, so
    // the first write would start a compaction in the background; the calls measured write nothing.
    t = performance.now()
    const cloud = await startLocalCloud({ quiet: true, maxInstances: 1, dataDir })
    try {
      const openS = (performance.now() - t) / 1000
      const afterOpen = memory()
      console.log(
        `credit bench — ${LINES.toLocaleString()} ledger lines, ${PEOPLE.toLocaleString()} people (${Math.ceil(LINES / PEOPLE)} lines each), node ${process.version}`,
      )
      console.log(
        `load: journals written in ${writeS.toFixed(0)} s (${mb(bytes)}), opened (replay + indexes) in ${openS.toFixed(0)} s; after open ${afterOpen}`,
      )

      // 3. credit.mine: a person's balance and last 20 lines
      const before = cloud.stats().db.unindexedQueries
      const mine = (p: number) =>
        cloud.callFunction('credit', { action: 'mine', input: {} }, { openid: person(p) })
      const who = (i: number) => (i * 7919 + 13) % PEOPLE
      for (let i = 0; i < 5; i++) await mine(who(i)) // the function instance's cold start
      const mineFigures = await measure(
        CALLS,
        (i) => mine(who(i)),
        (i, a) => {
          const answer = a as Answer<MineData>
          const p = who(i)
          if (!answer.ok || answer.data!.balance !== balance[p] || answer.data!.lines.length !== 20)
            throw new Error(`mine for ${person(p)}: ${JSON.stringify(answer).slice(0, 200)}`)
        },
      )
      console.log(`credit.mine: ${mineFigures}`)

      // 4. credit.board: station 0's month (~1/300 of the month's lines)
      const expected = [...board0.values()].sort((a, b) => b - a)
      const boardFigures = await measure(
        Math.min(CALLS, 20),
        (i) =>
          cloud.callFunction(
            'credit',
            { action: 'board', input: { unitId: 's0', month } },
            { openid: person(who(i)) },
          ),
        (_i, a) => {
          const answer = a as Answer<BoardData>
          const top = answer.data?.rows.map((r) => r.points) ?? []
          if (!answer.ok || top.length !== Math.min(50, expected.length) || top[0] !== expected[0])
            throw new Error(`board of s0: ${JSON.stringify(answer).slice(0, 200)}`)
        },
      )
      console.log(
        `credit.board (s0, ${month}: ${expected.length} people, ${expected.reduce((s, x) => s + x, 0) / 10} service lines): ${boardFigures}`,
      )
      console.log(`unindexed queries during the calls: ${cloud.stats().db.unindexedQueries - before}`)
      console.log(`memory after the calls: ${memory()}`)
      const compacted = ['snapshot.jsonl', 'snapshot.jsonl.tmp'].some((f) =>
        existsSync(join(dataDir, 'db', f)),
      )
      console.log(`a compaction ran during the calls: ${compacted ? 'yes (figures disturbed)' : 'no'}`)
      return { accounts: accounts.slice(0, 5) }
    } finally {
      await cloud.stop()
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Round trips and sequential rounds: a cloud with per-request latency, a small ledger (they do not depend on its size). */
async function rounds(accounts: Record<string, unknown>[]): Promise<void> {
  const slow = await startLocalCloud({ quiet: true, maxInstances: 1, dbLatencyMs: LATENCY_MS })
  try {
    const base = Date.now() - 1000 * 1000
    await slow.db.insertMany('units', units() as unknown as Record<string, unknown>[])
    await slow.db.insertMany(
      'credit_ledger',
      Array.from({ length: 1000 }, (_, n) => line(n, base, 10)),
    )
    await slow.db.insertMany('credit_accounts', accounts)
    const month = formatDate(Date.now()).slice(0, 7)
    const report = async (label: string, call: (p: number) => Promise<unknown>) => {
      for (let p = 0; p < 5; p++) await call(p) // the caller's users record
      const measured: Array<{ rounds: number; trips: number; actions: string[] }> = []
      for (let p = 0; p < 5; p++) {
        const { spans } = await recordSpans(slow, LATENCY_MS, () => call(p))
        measured.push({
          rounds: sequentialRounds(spans),
          trips: spans.length,
          actions: spans.map((s) => s.action),
        })
      }
      const m = measured[measured.length - 1]!
      console.log(
        `${label}: ${m.trips} requests (${m.actions.join(', ')}), sequential rounds per call ${measured.map((x) => x.rounds).join(' / ')}`,
      )
    }
    await report('credit.mine', (p) =>
      slow.callFunction('credit', { action: 'mine', input: {} }, { openid: person(p) }),
    )
    await report(`credit.board (a station's month)`, (p) =>
      slow.callFunction('credit', { action: 'board', input: { unitId: 's0', month } }, { openid: person(p) }),
    )
  } finally {
    await slow.stop()
  }
}

async function main(): Promise<void> {
  await buildFunctions({ quiet: true })
  const { accounts } = await bigLedger()
  await rounds(accounts)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
