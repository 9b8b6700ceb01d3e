import cloud from 'wx-server-sdk'
import { initCloud } from '../../../core/server/init'
import { wxOpenApi } from '../../../core/server/openapi'
import { createMain, fail, type TimerHandler } from '../../../core/server/router'
import { isRunJobEvent, runDeps, setInvocationTimeout } from './fanout/deps'
import { runJob } from './fanout/run'
import { tick } from './fanout/tick'
import { jobStatus, resumeJob, startAdhoc } from './handlers/jobs'
import { getSettings, setSettings } from './handlers/settings'
import { mySubscription, subscribe } from './handlers/subscribe'
import { upcoming } from './handlers/upcoming'

initCloud(cloud)

const timer: TimerHandler = (ctx) => tick(runDeps(ctx))

const routed = createMain(
  'notices',
  { getSettings, setSettings, subscribe, mySubscription, upcoming, jobStatus, startAdhoc, resumeJob },
  { cloud },
  timer,
)

/**
 * A run hands the job to the next one with `{ internal: 'runJob', jobId }` through cloud.callFunction.
 * Only server-side callers may send it: another invocation of a cloud function (SOURCE ending in `scf`)
 * or an HTTP API call made with the app's credentials (`wx_http`); a client's SOURCE is `wx_client`.
 */
function fromServer(source: string | undefined): boolean {
  const hops = (source ?? '').split(',')
  return hops[hops.length - 1] === 'scf' || source === 'wx_http'
}

export async function main(event: unknown, context?: { time_limit_in_ms?: number }): Promise<unknown> {
  setInvocationTimeout(context?.time_limit_in_ms)
  if (isRunJobEvent(event)) {
    if (!fromServer(cloud.getWXContext().SOURCE)) return fail('FORBIDDEN')
    const db = cloud.database()
    const deps = runDeps({ db, _: db.command, now: () => new Date(), openapi: wxOpenApi(cloud), cloud })
    return runJob(event.jobId, deps)
  }
  return routed(event)
}
