import { parseArgs } from 'node:util'
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from './index'

const USAGE = `Usage: npx tsx local-cloud/src/cli.ts [options]

  --port <n>            port (default 8787; 0 picks a free one)
  --host <addr>         bind address (default 127.0.0.1)
  --data <dir>          data folder (default .local-cloud-data)
  --static <dir>        built H5 app served at / (e.g. dist-h5)
  --functions <dir>     built cloud functions (default cloudfunctions)
  --database <dir>      index declarations (default database)
  --max-instances <n>   instances per function (default 10)
  --no-timers           do not fire timer triggers on schedule
  --no-freeze           let instances run on after main returns (the platform freezes them)
  --db-latency-ms <n>   add n ms to every database action (WeChat's round trip: tens of ms)
  --call-latency-ms <n> add n ms to every function call
  --quiet               no function output
  -h, --help`

function parse(): LocalCloudOptions {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string' },
      data: { type: 'string', default: '.local-cloud-data' },
      static: { type: 'string' },
      functions: { type: 'string' },
      database: { type: 'string' },
      'max-instances': { type: 'string' },
      'no-timers': { type: 'boolean', default: false },
      'no-freeze': { type: 'boolean', default: false },
      'db-latency-ms': { type: 'string' },
      'call-latency-ms': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    console.log(USAGE)
    process.exit(0)
  }
  const port = Number(values.port)
  const maxInstances = values['max-instances'] === undefined ? undefined : Number(values['max-instances'])
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port: not a port: ${values.port}`)
  if (maxInstances !== undefined && !(Number.isInteger(maxInstances) && maxInstances > 0)) {
    throw new Error(`--max-instances: not a positive integer: ${values['max-instances']}`)
  }
  const latency = (flag: 'db-latency-ms' | 'call-latency-ms'): number | undefined => {
    const raw = values[flag]
    if (raw === undefined) return undefined
    const n = Number(raw)
    if (!(Number.isFinite(n) && n >= 0)) throw new Error(`--${flag}: not a number of milliseconds: ${raw}`)
    return n
  }
  return {
    port,
    host: values.host,
    dataDir: values.data,
    staticDir: values.static,
    functionsDir: values.functions,
    databaseDir: values.database,
    maxInstances,
    timers: !values['no-timers'],
    ...(values['no-freeze'] ? { freeze: false } : {}),
    dbLatencyMs: latency('db-latency-ms'),
    callLatencyMs: latency('call-latency-ms'),
    quiet: values.quiet,
  }
}

async function main(): Promise<void> {
  let options: LocalCloudOptions
  try {
    options = parse()
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`)
    process.exit(2)
  }
  const cloud: LocalCloud = await startLocalCloud(options)
  console.log(`本地云已启动 local cloud running at ${cloud.url}`)
  console.log(`  dev page   ${cloud.url}/__dev`)
  console.log(`  H5 calls   POST ${cloud.url}/api/functions/<name>`)
  console.log(`  SDK env    TCB_CONTEXT_CNFG='${JSON.stringify({ URL: cloud.adminUrl })}'`)

  let stopping = false
  const shutdown = (signal: string): void => {
    if (stopping) {
      console.error('forced exit')
      process.exit(1)
    }
    stopping = true
    console.log(`\n${signal}: stopping the local cloud…`)
    cloud.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
