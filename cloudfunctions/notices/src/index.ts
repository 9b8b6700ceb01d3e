import cloud from 'wx-server-sdk'
import { initCloud } from '../../../server/init'
import { createMain, type TimerHandler } from '../../../server/router'
import { notices } from '../../../core/contract/notices'
import { runDeps, setInvocationTimeout } from './fanout/deps'
import { tick } from './fanout/tick'
import { jobStatus, resumeJob, startAdhoc } from './handlers/jobs'
import { getSettings, setSettings } from './handlers/settings'
import { mySubscription, subscribe } from './handlers/subscribe'
import { upcoming } from './handlers/upcoming'

initCloud(cloud)

const timer: TimerHandler = (ctx) => tick(runDeps(ctx))

const routed = createMain(
  'notices',
  notices,
  { getSettings, setSettings, subscribe, mySubscription, upcoming, jobStatus, startAdhoc, resumeJob },
  { cloud },
  timer,
)

export async function main(event: unknown, context?: { time_limit_in_ms?: number }): Promise<unknown> {
  setInvocationTimeout(context?.time_limit_in_ms)
  return routed(event)
}
