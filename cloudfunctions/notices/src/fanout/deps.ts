/** Wiring a run to the invocation it is in: its timeout, the clock, and how to start the next run. */
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Cloud, Command, Db, OpenApi } from '../../../../core/server/types'
import type { RunDeps } from './run'

/** config.json "timeout" (seconds × 1000); the platform also passes it as context.time_limit_in_ms. */
export const DEFAULT_TIMEOUT_MS = 60_000
/** How long a run waits for its hand-over request to leave before it returns (it does not wait for the run). */
const KICK_DISPATCH_MS = 300

/** The event a run sends to start the next one. Not a contract action: clients cannot send it (see index.ts). */
export interface RunJobEvent {
  internal: 'runJob'
  jobId: string
}

export function isRunJobEvent(event: unknown): event is RunJobEvent {
  const e = event as Partial<RunJobEvent> | null
  return typeof e === 'object' && e !== null && e.internal === 'runJob' && typeof e.jobId === 'string'
}

let timeoutMs = DEFAULT_TIMEOUT_MS

/** Called by the entry with the platform's context: an instance serves one invocation at a time. */
export function setInvocationTimeout(ms: number | undefined): void {
  timeoutMs = ms && ms > 0 ? ms : DEFAULT_TIMEOUT_MS
}

/**
 * Hands the job to a new invocation of this function. The request is sent but not awaited to the end:
 * the next run lasts up to the timeout, longer than this one has left. If it never starts, the job
 * stays `running` with a lapsed lease and the timer resumes it on its next tick.
 */
export function kicker(cloud: Cloud): (jobId: string) => Promise<void> {
  return async (jobId) => {
    const event: RunJobEvent = { internal: 'runJob', jobId }
    // the SDK's typings union the promise with the callback style's void
    const call = (cloud.callFunction({ name: 'notices', data: event }) as Promise<unknown>).then(
      () => undefined,
      (err: unknown) =>
        console.warn(`[notices] run of ${jobId} did not finish: ${(err as Error)?.message ?? err}`),
    )
    await Promise.race([call, sleep(KICK_DISPATCH_MS)])
  }
}

export function runDeps(ctx: {
  db: Db
  _: Command
  now: () => Date
  openapi: OpenApi
  cloud: Cloud
}): RunDeps {
  const budget = Number(process.env.NOTICES_BATCH_BUDGET_MS)
  return {
    db: ctx.db,
    _: ctx._,
    now: ctx.now,
    openapi: ctx.openapi,
    runId: randomUUID(),
    timeoutMs,
    // operators who change the timeout may tune this; tests set it past the timeout to get a run killed
    budgetMs: Number.isFinite(budget) && budget > 0 ? budget : undefined,
    kick: kicker(ctx.cloud),
  }
}
