/**
 * One time budget per timer run, shared by its steps (reconcileRegistrations, then tellPending): the
 * function's timeout (config.json: 10 s) bounds the run, not each step. The run's steps all receive the
 * same ctx object (the router makes a fresh one per run), so the budget is keyed by it: the first step
 * that asks starts the clock.
 */

/** Work per timer run; config.json's timeout is 10 s. */
export const TIMER_BUDGET_MS = 6_000

const deadlines = new WeakMap<object, number>()

/** The run's deadline (Date.now() ms), started by the first step of the run that asks. */
export function timerDeadline(run: object, budgetMs = TIMER_BUDGET_MS): number {
  let deadline = deadlines.get(run)
  if (deadline === undefined) {
    deadline = Date.now() + budgetMs
    deadlines.set(run, deadline)
  }
  return deadline
}
