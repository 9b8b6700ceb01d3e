/**
 * `npm run test:weapp`: builds the mini-program (`npm run build:weapp`; skip with --no-build when dist/ is
 * fresh), then runs the weapp runtime tests (e2e/weapp/jest.config.js). Extra arguments go to jest, e.g.
 * `npm run test:weapp -- --no-build -t "privacy"`.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'

const root = path.resolve(__dirname, '..', '..')
const args = process.argv.slice(2)
const build = !args.includes('--no-build')
const jestArgs = args.filter((arg) => arg !== '--no-build')

function run(command: string, commandArgs: string[]): void {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

if (build) run('npm', ['run', 'build:weapp'])
run('npx', ['jest', '-c', 'e2e/weapp/jest.config.js', ...jestArgs])
