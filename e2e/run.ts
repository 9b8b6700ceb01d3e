/**
 * `npm run e2e`: builds the H5 app (skip with --no-build), then runs the browser tests (e2e/jest.config.js).
 * Extra arguments go to jest, e.g. `npm run e2e -- -t "station page"`.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'

const root = path.resolve(__dirname, '..')
const args = process.argv.slice(2)
const build = !args.includes('--no-build')
const jestArgs = args.filter((arg) => arg !== '--no-build')

function run(command: string, commandArgs: string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

if (build) run('npx', ['taro', 'build', '--type', 'h5'], { ...process.env, NODE_ENV: 'production' })
run('npx', ['jest', '-c', 'e2e/jest.config.js', ...jestArgs])
