/**
 * Cold module load of each cloud function bundle (cloudfunctions/<fn>/index.js) against wx-server-sdk
 * alone: the platform's init phase requires the bundle, which requires the SDK. Each sample is a fresh
 * `node` process that times `require(...)` around itself, so node's own start-up is left out; samples
 * alternate (SDK alone, bundle) so a busy machine slows both alike. Prints bundle sizes (bytes, gzip) and
 * the median CPU ms of the load, and what the bundle adds on top of the SDK as a share of the SDK's own load
 * (goal ≤ 10 %, issue 9). Builds the bundles first unless FUNCTION_LOAD_NO_BUILD=1.
 *
 *   npx tsx bench/function-load.ts               # 15 samples each
 *   FUNCTION_LOAD_SAMPLES=31 npx tsx bench/function-load.ts
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { buildFunctions, FUNCTIONS_DIR, functionNames, ROOT } from '../scripts/build-functions'

const SAMPLES = Number(process.env.FUNCTION_LOAD_SAMPLES ?? 15)

/**
 * CPU ms (user + system) spent in `require(target)` in a fresh node process: less swayed than wall time by
 * other work on a shared machine; module load is CPU-bound (parse, compile, run top-level code).
 */
function loadMs(target: string): number {
  const script =
    'const c=process.cpuUsage();require(process.argv[1]);const d=process.cpuUsage(c);' +
    'process.stdout.write(String((d.user+d.system)/1e3))'
  const run = spawnSync(process.execPath, ['-e', script, target], { cwd: ROOT, encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`require(${target}) failed: ${run.stderr}`)
  return Number(run.stdout)
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

async function main(): Promise<void> {
  const fns =
    process.env.FUNCTION_LOAD_NO_BUILD === '1' ? functionNames() : await buildFunctions({ quiet: true })
  const sdk = require.resolve('wx-server-sdk', { paths: [ROOT] })
  loadMs(sdk) // warm the file cache
  console.log(
    `module load CPU ms, median of ${SAMPLES} fresh processes each; added = median (bundle − SDK) / SDK`,
  )
  console.log('function     bytes    gzip   sdk ms  bundle ms  added')
  const added: number[] = []
  const sizes: number[] = []
  for (const fn of fns) {
    const file = path.join(FUNCTIONS_DIR, fn, 'index.js')
    const sdkTimes: number[] = []
    const fnTimes: number[] = []
    for (let i = 0; i < SAMPLES; i++) {
      sdkTimes.push(loadMs(sdk))
      fnTimes.push(loadMs(file))
    }
    const s = median(sdkTimes)
    const f = median(fnTimes)
    // each pair ran back to back: the median of the pairs' ratios is steadier than the ratio of medians
    const share = median(fnTimes.map((t, i) => (t - sdkTimes[i]!) / sdkTimes[i]!))
    added.push(share)
    const bytes = statSync(file).size
    sizes.push(bytes)
    const gz = gzipSync(readFileSync(file)).length
    console.log(
      `${fn.padEnd(10)} ${String(bytes).padStart(7)} ${String(gz).padStart(7)} ${s.toFixed(1).padStart(8)} ` +
        `${f.toFixed(1).padStart(10)} ${(share * 100).toFixed(1).padStart(5)} %`,
    )
  }
  console.log(`largest added load: ${(Math.max(...added) * 100).toFixed(1)} % (goal ≤ 10 %)`)
  // a bundle far over this usually means zod is imported whole again (core/contract/define.ts)
  console.log(`largest bundle: ${(Math.max(...sizes) / 1024).toFixed(1)} KB (goal ≤ 200 KB)`)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
