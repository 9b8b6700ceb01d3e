import type { CloseForgottenReport } from '../../../core/contract/signin'
import { rows, updatedCount } from '../../../core/server/db'
import type { TimerHandler } from '../../../core/server/router'
import { creditedMinutes } from '../../../core/signin/hours'
import type { ServiceDoc } from './records'

const BATCH = 100
/** Stop starting batches after this long: the function's timeout (config.json) is 20 s. */
const BUDGET_MS = 12_000

/**
 * Every 10 minutes (config.json trigger): volunteers who forgot to sign out are signed out at the
 * activity's end, credited by the same rule, and flagged (autoClosed) for a manager to confirm.
 * Each close is conditional on the session still being open, so a sign-out racing the timer wins or
 * loses cleanly; a run that hits its budget leaves the rest to the next run (`more`).
 */
export const closeForgottenSignOuts: TimerHandler = async ({ db, _, now }) => {
  const started = Date.now()
  const at = now()
  const records = db.collection('service_records')
  let closed = 0
  for (;;) {
    const batch = await rows<ServiceDoc>(
      records
        .where({ status: 'open', activityEnd: _.lte(at) })
        .field({ signInAt: true, activityStart: true, activityEnd: true })
        .limit(BATCH)
        .get(),
    )
    const results = await Promise.all(
      batch.map((r) =>
        updatedCount(
          records.where({ _id: r._id, status: 'open' }).update({
            data: {
              status: 'auto_closed',
              signOutAt: r.activityEnd,
              autoClosed: true,
              minutes: creditedMinutes(r.signInAt, r.activityEnd, {
                start: r.activityStart,
                end: r.activityEnd,
              }),
            },
          }),
        ),
      ),
    )
    closed += results.reduce((sum, n) => sum + n, 0)
    const more = batch.length === BATCH
    if (!more) return { closed, more: false } satisfies CloseForgottenReport
    if (Date.now() - started > BUDGET_MS) return { closed, more: true } satisfies CloseForgottenReport
  }
}
