/** Wiring a run to the invocation it is in: its timeout, its budget and the clock. */
import { randomUUID } from 'node:crypto'
import { serverEnv } from '../../../../server/env'
import type { Command, Db, OpenApi } from '../../../../server/types'
import type { RunDeps } from './run'

/** config.json "timeout" (seconds × 1000); the platform also passes it as context.time_limit_in_ms. */
export const DEFAULT_TIMEOUT_MS = 60_000

let timeoutMs = DEFAULT_TIMEOUT_MS

/** Called by the entry with the platform's context: an instance serves one invocation at a time. */
export function setInvocationTimeout(ms: number | undefined): void {
  timeoutMs = ms && ms > 0 ? ms : DEFAULT_TIMEOUT_MS
}

/**
 * Deps for the runs of one invocation. `budgetMs` caps how long a run takes new work: a manager's
 * action runs a short first batch and answers; the timer's runs take the default (70% of the timeout).
 */
export function runDeps(
  ctx: { db: Db; _: Command; now: () => Date; openapi: OpenApi },
  budgetMs?: number,
): RunDeps {
  return {
    db: ctx.db,
    _: ctx._,
    now: ctx.now,
    openapi: ctx.openapi,
    runId: randomUUID(),
    timeoutMs,
    // operators who change the timeout may tune this; tests set it past the timeout to get a run killed
    budgetMs: budgetMs ?? serverEnv().NOTICES_BATCH_BUDGET_MS,
  }
}
