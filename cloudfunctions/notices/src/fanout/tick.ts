/**
 * The timer (config.json, every 5 minutes): starts each center's practice-day job once its fire time has
 * come, then resumes jobs whose lease lapsed (a run killed or never started), the first in this
 * invocation and the others in their own.
 */
import { decideTick, nextNotice } from '../../../../core/notices/schedule'
import { rows } from '../../../../core/server/db'
import { JOBS, loadUnit, plannedOf, SETTINGS, type JobDoc, type SettingsDoc } from '../model'
import { createPracticeJob } from './create'
import { runJob, type RunDeps, type RunReport } from './run'

export interface TickReport {
  started: string[]
  skipped: string[]
  run: RunReport | null
  handedOver: string[]
}

const MAX_DUE = 100
const MAX_RESUMED = 20

export async function tick(deps: RunDeps): Promise<TickReport> {
  const { db, _, now } = deps
  const t = now()
  const report: TickReport = { started: [], skipped: [], run: null, handedOver: [] }
  const settings = db.collection(SETTINGS)
  const due = await rows<SettingsDoc>(
    settings
      .where({ nextFireAt: _.lte(t) })
      .limit(MAX_DUE)
      .get(),
  )
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
    await settings
      .doc(s._id)
      .update({ data: { lastSentMonth, nextMonth: next.month, nextFireAt: next.fireAt } })
  }

  const runnable = await rows<Pick<JobDoc, '_id'>>(
    db
      .collection(JOBS)
      .where({ state: 'running', leaseUntil: _.lt(t) })
      .orderBy('leaseUntil', 'asc')
      .field({ _id: true })
      .limit(MAX_RESUMED)
      .get(),
  )
  const [first, ...others] = runnable
  for (const job of others) {
    await deps.kick(job._id)
    report.handedOver.push(job._id)
  }
  if (first) report.run = await runJob(first._id, deps)
  return report
}
