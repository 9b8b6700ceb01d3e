/**
 * `npm run bench`: runs every benchmark in bench/ one after another (each prints its own figures), or
 * only those named: `npm run bench -- signin weekly-list`.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import path from 'node:path'

const dir = __dirname
const wanted = process.argv.slice(2)
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.replace(/\.ts$/, ''))
  .sort((a, b) => (a === 'local-cloud-floor' ? -1 : b === 'local-cloud-floor' ? 1 : a.localeCompare(b)))
const chosen = wanted.length ? all.filter((name) => wanted.includes(name)) : all
const unknown = wanted.filter((name) => !all.includes(name))
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${all.join(', ')}`)
  process.exit(2)
}

let failed = 0
for (const name of chosen) {
  console.log(`\n=== bench/${name}.ts`)
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, `${name}.ts`)], {
    stdio: 'inherit',
  })
  if (run.status !== 0) failed++
}
process.exit(failed ? 1 : 0)
