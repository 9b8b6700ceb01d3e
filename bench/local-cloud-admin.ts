/**
 * The local cloud's database path without the SDK: drives POST /admin directly (the requests
 * @cloudbase/database sends for doc(id).get() and doc(id).update({ $inc })) against a server in its own
 * process, and reports the SERVER's CPU per operation (from /proc, so the load generator's own cost is
 * left out) as a ratio to mingo doing the same operation in this process on the same documents.
 * Goals (issue 10): reads ≤ 3×, acknowledged (journaled, kill -9 durable) writes ≤ 5×. Prints figures.
 *
 *   npx tsx bench/local-cloud-admin.ts [--docs 1000] [--ops 20000] [--concurrency 32] [--only read|write]
 *   BENCH_CPU_PROF=/tmp/prof npx tsx bench/local-cloud-admin.ts --only read   # + the server's V8 profile
 */
import { Agent } from 'node:http'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { Query, update as mingoUpdate } from 'mingo'
import { postJson, startServerProcess, type ServerProcess } from './lib/server-process'

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '1000' },
    ops: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '32' },
    // profile one kind at a time: --only read | write
    only: { type: 'string' },
  },
})
const DOCS = Number(values.docs)
const OPS = Number(values.ops)
const CONCURRENCY = Number(values.concurrency)
const COLL = 'bench_admin'

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })

const post = (url: string, body: string): Promise<string> => postJson(agent, `${url}/admin`, body)

/** Fields the SDK adds to every request besides the action's own. */
const COMMON = { envName: 'local-cloud', timestamp: 0, sdk_version: '3.17.2', eventId: 'bench' }
const docId = (i: number): string => `d-${String(i).padStart(6, '0')}`

function makeDoc(i: number): Record<string, unknown> {
  return {
    _id: docId(i),
    title: `新时代文明实践活动 ${i}`,
    station: `st-${i % 40}`,
    capacity: 30,
    n: 0,
    tags: ['志愿服务', '理论宣讲'],
    startsAt: { $date: new Date(Date.UTC(2026, 0, 1) + i * 3600_000).toISOString() },
  }
}

const readBody = (i: number): string =>
  JSON.stringify({
    ...COMMON,
    action: 'database.getDocument',
    collectionName: COLL,
    query: JSON.stringify({ _id: docId(i) }),
    queryType: 'DOC',
    multi: false,
  })

const writeBody = (i: number): string =>
  JSON.stringify({
    ...COMMON,
    action: 'database.modifyDocument',
    collectionName: COLL,
    query: JSON.stringify({ _id: docId(i) }),
    data: JSON.stringify({ $inc: { n: { $numberInt: '1' } } }),
    queryType: 'DOC',
    multi: false,
    merge: true,
    upsert: false,
  })

async function drive(
  server: ServerProcess,
  body: (i: number) => string,
  check: (reply: string) => void,
): Promise<{ cpuUs: number; opsPerS: number }> {
  let next = 0
  const cpu0 = server.cpuMs()
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < OPS) {
        const i = next++
        check(await post(server.url, body(i % DOCS)))
      }
    }),
  )
  const wall = performance.now() - t0
  return { cpuUs: ((server.cpuMs() - cpu0) * 1000) / OPS, opsPerS: (OPS / wall) * 1000 }
}

/** Mean CPU µs (user + system, like the server's figure) of fn, after a warm-up. */
function micro(fn: (i: number) => void, iterations: number): number {
  for (let i = 0; i < Math.min(iterations, 2000); i++) fn(i)
  const c0 = process.cpuUsage()
  for (let i = 0; i < iterations; i++) fn(i)
  const c = process.cpuUsage(c0)
  return (c.user + c.system) / iterations
}

async function main(): Promise<void> {
  // BENCH_CPU_PROF=<dir>: write the server's V8 CPU profile there (see docs/local-cloud.md, performance)
  const prof = process.env.BENCH_CPU_PROF
  const server = await startServerProcess({ nodeArgs: prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [] })
  try {
    await post(
      server.url,
      JSON.stringify({ ...COMMON, action: 'database.addCollection', collectionName: COLL }),
    )
    for (let i = 0; i < DOCS; i += 200) {
      const data = Array.from({ length: Math.min(200, DOCS - i) }, (_, k) => JSON.stringify(makeDoc(i + k)))
      const reply = await post(
        server.url,
        JSON.stringify({ ...COMMON, action: 'database.insertDocument', collectionName: COLL, data }),
      )
      if (!reply.includes('insertedIds')) throw new Error(`seeding failed: ${reply}`)
    }
    const mustList = (reply: string): void => {
      if (!reply.includes('"list":["')) throw new Error(`read failed: ${reply}`)
    }
    const mustUpdate = (reply: string): void => {
      if (!reply.includes('"updated":1')) throw new Error(`write failed: ${reply}`)
    }
    const skip = { cpuUs: Number.NaN, opsPerS: Number.NaN }
    const doReads = values.only !== 'write'
    const doWrites = values.only !== 'read'
    if (doReads) await drive(server, readBody, mustList) // warm-up (JIT, sockets)
    if (doWrites) await drive(server, writeBody, mustUpdate)
    const read = doReads ? await drive(server, readBody, mustList) : skip
    const write = doWrites ? await drive(server, writeBody, mustUpdate) : skip

    // mingo in this process, same documents (Dates as Date), same operations
    const docs = Array.from({ length: DOCS }, (_, i) => {
      const d = makeDoc(i)
      return { ...d, startsAt: new Date((d.startsAt as { $date: string }).$date) }
    })
    const iterations = Math.max(2000, Math.min(OPS, 20000))
    const mingoRead = micro((i) => {
      new Query({ _id: docId(i % DOCS) }).find(docs).next()
    }, iterations)
    const mingoWrite = micro((i) => {
      const doc = new Query({ _id: docId(i % DOCS) }).find(docs).next() as Record<string, unknown>
      mingoUpdate(doc, { $inc: { n: 1 } })
    }, iterations)
    // the same operations on the one matching document: mingo's own cost, with no scan
    const one = [docs[0]]
    const mingoReadOne = micro(() => {
      new Query({ _id: docId(0) }).find(one).next()
    }, iterations)
    const mingoWriteOne = micro(() => {
      const doc = new Query({ _id: docId(0) }).find(one).next() as Record<string, unknown>
      mingoUpdate(doc, { $inc: { n: 1 } })
    }, iterations)

    console.log(
      `local cloud /admin, server CPU per operation (node ${process.version}; ${DOCS} documents, ${OPS} operations, ${CONCURRENCY} concurrent keep-alive connections)`,
    )
    const row = (name: string, r: { cpuUs: number; opsPerS: number }, base: number, goal: number): void =>
      console.log(
        `  ${name.padEnd(34)} server ${r.cpuUs.toFixed(1).padStart(7)} µs/op  ${Math.round(r.opsPerS).toString().padStart(6)} op/s   mingo ${base.toFixed(1).padStart(6)} µs   ratio ${(r.cpuUs / base).toFixed(2)}× (goal ≤ ${goal}×)`,
      )
    row('read  doc(id).get()', read, mingoRead, 3)
    row('write doc(id).update($inc), durable', write, mingoWrite, 5)
    console.log(
      `  against mingo on the one matching document (no scan): read ${mingoReadOne.toFixed(1)} µs → ${(read.cpuUs / mingoReadOne).toFixed(1)}×, write ${mingoWriteOne.toFixed(1)} µs → ${(write.cpuUs / mingoWriteOne).toFixed(1)}×`,
    )
  } finally {
    await server.stop()
    agent.destroy()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
