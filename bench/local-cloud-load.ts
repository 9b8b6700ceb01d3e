/**
 * 500 function calls at once, each with one database read (bench/fixtures/functions/read-one), against a
 * local cloud in its own process, next to the same load of a no-op function. Prints calls/s and where
 * the CPU goes: the server process (HTTP, EJSON, engine, journal, IPC) and the function instances (the
 * wx-server-sdk in each). With BENCH_CPU_PROF=<dir> the server writes a V8 CPU profile there.
 *
 *   npx tsx bench/local-cloud-load.ts [--calls 500] [--rounds 4] [--max-instances 10]
 */
import { Agent } from 'node:http'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { postJson, startServerProcess, type ServerProcess } from './lib/server-process'

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '500' },
    rounds: { type: 'string', default: '4' },
    'max-instances': { type: 'string', default: '10' },
  },
})
const CALLS = Number(values.calls)
const ROUNDS = Number(values.rounds)
const agent = new Agent({ keepAlive: true, maxSockets: CALLS })

const post = (url: string, path: string, body: string): Promise<string> =>
  postJson(agent, `${url}${path}`, body)

async function burst(
  server: ServerProcess,
  fn: string,
): Promise<{ perS: number; serverUs: number; instancesUs: number }> {
  const total = CALLS * ROUNDS
  const s0 = server.cpuMs()
  const i0 = server.instancesCpuMs()
  const t0 = performance.now()
  for (let r = 0; r < ROUNDS; r++) {
    await Promise.all(
      Array.from({ length: CALLS }, async (_, k) => {
        const reply = await post(
          server.url,
          `/api/functions/${fn}`,
          JSON.stringify({ data: { id: `d-${k % 100}` }, identity: { openid: 'o-bench' } }),
        )
        if (!reply.startsWith('{"result"')) throw new Error(`${fn} failed: ${reply}`)
      }),
    )
  }
  const wall = performance.now() - t0
  return {
    perS: (total / wall) * 1000,
    serverUs: ((server.cpuMs() - s0) * 1000) / total,
    instancesUs: ((server.instancesCpuMs() - i0) * 1000) / total,
  }
}

async function main(): Promise<void> {
  const prof = process.env.BENCH_CPU_PROF
  const server = await startServerProcess({
    functionsDir: join(__dirname, 'fixtures', 'functions'),
    args: ['--max-instances', String(values['max-instances'])],
    nodeArgs: prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [],
  })
  try {
    const data = Array.from({ length: 100 }, (_, i) => JSON.stringify({ _id: `d-${i}`, title: `活动 ${i}` }))
    await post(
      server.url,
      '/admin',
      JSON.stringify({ action: 'database.addCollection', collectionName: 'bench_load' }),
    )
    await post(
      server.url,
      '/admin',
      JSON.stringify({ action: 'database.insertDocument', collectionName: 'bench_load', data }),
    )
    await burst(server, 'noop') // start the instances, JIT
    await burst(server, 'read-one')
    const noop = await burst(server, 'noop')
    const read = await burst(server, 'read-one')
    console.log(
      `${CALLS} calls at once × ${ROUNDS} rounds through the H5 gateway (node ${process.version}, max ${values['max-instances']} instances per function)`,
    )
    for (const [name, r] of [
      ['no-op function', noop],
      ['one doc(id).get() per call', read],
    ] as const) {
      console.log(
        `  ${name.padEnd(28)} ${Math.round(r.perS).toString().padStart(6)} calls/s   CPU per call: server ${r.serverUs.toFixed(0).padStart(5)} µs, instances ${r.instancesUs.toFixed(0).padStart(5)} µs`,
      )
    }
    console.log(
      `  the read adds per call: server ${(read.serverUs - noop.serverUs).toFixed(0)} µs, instances (wx-server-sdk) ${(read.instancesUs - noop.instancesUs).toFixed(0)} µs`,
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
