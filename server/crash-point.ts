/**
 * A test hook for kill-point tests: when the environment names a file (CRASH_POINTS_FILE) that lists
 * `name`, the instance kills itself with SIGKILL there, as `kill -9` would. Without the variable (as in
 * production) it does nothing and reads nothing.
 */
import { readFileSync } from 'node:fs'
import { serverEnv } from './env'

export function crashPoint(name: string): void {
  const file = serverEnv().CRASH_POINTS_FILE
  if (!file) return
  let listed: string[]
  try {
    listed = readFileSync(file, 'utf8').split(/\s+/)
  } catch {
    return
  }
  if (listed.includes(name)) process.kill(process.pid, 'SIGKILL')
}
