/**
 * The timer (config.json, every minute) drives every job: it starts each center's practice-day job once
 * its fire time has come, then runs the jobs that are running and not leased (new, between batches, or
 * left by a killed run), several at once, each awaited inside this invocation. Nothing is handed to
 * work that outlives the invocation: the platform freezes an instance once `main` returns, and
 * un-awaited work (a fire-and-forget callFunction) may never run (issue 10, platform-facts).
 */
import { notice_jobs, notice_settings } from '../../../../core/contract/notices.collections'
import { decideTick, nextNotice } from '../../../../core/notices/schedule'
import { from } from '../../../../server/db'
import { loadUnit } from '../../../../server/units'
import { plannedOf } from '../model'
import { createPracticeJob } from './create'
import { runJob, type RunDeps, type RunReport } from './run'

export interface TickReport {
  started: string[]
  skipped: string[]
  runs: RunReport[]
}

const MAX_DUE = 100
/** Jobs run side by side in one tick (each at its own rate and concurrency); more wait a minute. */
export const MAX_RUNS_PER_TICK = 5

export async function tick(deps: RunDeps): Promise<TickReport> {
  const { db, _, now } = deps
  const t = now()
  const report: TickReport = { started: [], skipped: [], runs: [] }
  const settings = from(db, notice_settings)
  const due = await settings.find((ref) => ref.where({ nextFireAt: _.lte(t) }).limit(MAX_DUE))
  for (const s of due) {
    const decision = decideTick(t, plannedOf(s))
    if (decision.action === 'wait') continue
    let lastSentMonth = s.lastSentMonth
    if (decision.action === 'start') {
      const center = await loadUnit(db, s.centerId)
      if (!center) continue
      const job = await createPracticeJob(db, _, s, center, decision.month, t)
      report.started.push(job._id)
      lastSentMonth = decision.month
    } else {
      report.skipped.push(`${s.centerId}:${decision.month}`)
    }
    const next = nextNotice(t, s, decision.month)
    await settings.ref
      .doc(s._id)
      .update({ data: { lastSentMonth, nextMonth: next.month, nextFireAt: next.fireAt } })
  }

  const runnable = await from(db, notice_jobs).find((ref) =>
    ref
      .where({ state: 'running', leaseUntil: _.lt(t) })
      .orderBy('leaseUntil', 'asc')
      .field({ _id: true })
      .limit(MAX_RUNS_PER_TICK),
  )
  // each run its own id: leases and claims tell the runs apart
  const settled = await Promise.allSettled(
    runnable.map((job, i) => runJob(job._id, { ...deps, runId: `${deps.runId}:${i}` })),
  )
  for (const r of settled) if (r.status === 'fulfilled') report.runs.push(r.value)
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected')
  if (failed) throw failed.reason
  return report
}
