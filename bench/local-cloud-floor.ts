/**
 * The local cloud's floor: the warm round-trip of the cheapest calls, through the real wx-server-sdk
 * from this process. Later benchmarks are read against these figures. Prints figures only.
 *
 *   npx tsx bench/local-cloud-floor.ts [--iterations 300] [--warmup 30]
 */
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import * as cloud from 'wx-server-sdk'
import { startLocalCloud } from '../local-cloud/src'
import { formatSummary, measure } from './lib/timing'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { iterations: { type: 'string', default: '300' }, warmup: { type: 'string', default: '30' } },
  })
  const iterations = Number(values.iterations)
  const warmup = Number(values.warmup)

  const local = await startLocalCloud({
    functionsDir: join(__dirname, '..', 'local-cloud', 'test', 'fixtures', 'functions'),
    quiet: true,
  })
  try {
    Object.assign(process.env, local.sdkEnv())
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })

    const callNoop = await measure(
      async () => {
        await cloud.callFunction({ name: 'noop', data: {} })
      },
      { warmup, iterations },
    )

    const db = cloud.database()
    await db.createCollection('bench_floor')
    const { _id } = (await db.collection('bench_floor').add({ data: { title: '新时代文明实践', n: 1 } })) as {
      _id: string
    }
    const readDoc = await measure(
      async () => {
        await db.collection('bench_floor').doc(_id).get()
      },
      { warmup, iterations },
    )

    const { runner } = local.stats()
    console.log(
      `local cloud floor (warm, sequential; node ${process.version}, ${iterations} calls after ${warmup} warm-up)`,
    )
    console.log(formatSummary('cloud.callFunction(noop)', callNoop))
    console.log(formatSummary('db.collection().doc(id).get()', readDoc))
    console.log(`function instances started: ${runner.coldStarts} for ${runner.invocations} invocations`)
  } finally {
    await local.stop()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
