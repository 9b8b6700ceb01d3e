/**
 * The fan-out job meeting WeChat's errors, injected into the local cloud's subscribeMessage.send:
 * 43101 (no credit) corrects our record, transient errors are retried with backoff, 47003 halts the job
 * for a manager, who resumes it once fixed.
 */
import * as inboxDb from '../../../core/contract/inbox.collections'
import { startTestCloud, type TestCloud } from '../../../testing/function-cloud'
import {
  addCenter,
  addSubscribers,
  deliveriesOf,
  driveToEnd,
  jobOf,
  makeDueNow,
  receivedCounts,
} from './test-support'
import type { SubscriptionDoc } from '../../../core/contract/inbox.collections'

/** Failures the test injects into subscribeMessage.send, by openid (the credit is kept, as on WeChat). */
const inject = new Map<string, { errCode: number; errMsg: string; times: number }>()

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud({
    // no demo county: its practice day would be due too and run first
    seed: false,
    maxInstances: 4,
    freeze: true,
    failureInjector: ({ touser }) => {
      const f = inject.get(touser)
      if (!f || f.times <= 0) return undefined
      f.times--
      return { errCode: f.errCode, errMsg: f.errMsg }
    },
  })
})
afterAll(async () => {
  await t.stop()
})

describe('WeChat errors', () => {
  const TPL = 'TPL_ERRORS'

  it('43101 records no credit; transient errors are retried; a send fails only once retries run out', async () => {
    const c = await addCenter(t.cloud, 'err', 2)
    const month = await makeDueNow(t, c, TPL)
    const openids = await addSubscribers(t.cloud, c, 'err', TPL, 40)
    // we think #3 has a credit but WeChat does not (they accepted on another phone that never reported)
    const stale = openids[3]!
    inject.set(stale, { errCode: 43101, errMsg: 'user refuse to accept the msg', times: 99 })
    // #5: system busy twice, then fine; #7: busy every time
    inject.set(openids[5]!, { errCode: -1, errMsg: 'system error', times: 2 })
    inject.set(openids[7]!, { errCode: 45009, errMsg: 'reach max api daily quota limit', times: 99 })

    await t.cloud.fireTimer('notices')
    const jobId = `pd:${c.centerId}:${month}`
    const job = await driveToEnd(t.cloud, jobId)

    const received = receivedCounts(t.cloud, TPL)
    expect(received.get(stale)).toBeUndefined()
    expect(received.get(openids[5]!)).toBe(1)
    expect(received.get(openids[7]!)).toBeUndefined()
    expect(received.size).toBe(38)
    expect([...received.values()].every((n) => n === 1)).toBe(true)

    expect(job.state).toBe('completed')
    expect(job.sent).toBe(38)
    expect(job.failed.no_credit).toBe(1)
    expect(job.failed.transient).toBe(1)

    const byOpenid = new Map(deliveriesOf(t.cloud, jobId).map((d) => [d.openid, d]))
    expect(byOpenid.get(stale)).toMatchObject({ state: 'failed', reason: 'no_credit', errCode: 43101 })
    expect(byOpenid.get(openids[5]!)).toMatchObject({ state: 'sent', attempts: 3 })
    expect(byOpenid.get(openids[7]!)).toMatchObject({
      state: 'failed',
      reason: 'transient',
      errCode: 45009,
      attempts: 4,
    })

    const sub = (id: string) =>
      (
        t.cloud.db.find(inboxDb.subscriptions.name, { _id: `${TPL}:${id}` }) as unknown as SubscriptionDoc[]
      )[0]!
    expect(sub(stale).credits).toBe(0) // corrected to what WeChat holds
    expect(sub(openids[7]!).credits).toBe(1) // not spent: WeChat did not take the message
    expect(sub(openids[5]!).credits).toBe(0)
  })

  it('47003 stops the job as a data error; after the fix it resumes and sends each the rest once', async () => {
    const TPL47 = 'TPL_DATA_ERROR'
    const c = await addCenter(t.cloud, 'bad', 1)
    const month = await makeDueNow(t, c, TPL47, { concurrency: 1 })
    const openids = await addSubscribers(t.cloud, c, 'bad', TPL47, 30)
    inject.set(openids[10]!, {
      errCode: 47003,
      errMsg: 'argument invalid! data.thing3.value invalid',
      times: 1,
    })

    await t.cloud.fireTimer('notices')
    const jobId = `pd:${c.centerId}:${month}`
    const halted = jobOf(t.cloud, jobId)
    expect(halted.state).toBe('halted')
    expect(halted.haltReason).toBe('data_error')
    expect(halted.haltMessage).toContain('47003')
    expect(halted.haltMessage).toContain('thing3')
    // the job stopped at the refused send: nobody after it got a message
    expect(receivedCounts(t.cloud, TPL47).size).toBe(10)

    const [view] = (await t.as(c.managerId).ok('notices', 'jobStatus', { jobId })).jobs
    expect(view).toMatchObject({ state: 'halted', sent: 10 })
    expect(view!.failed.data_error).toBe(1)

    // the resume sends a first batch inside the action (usually all 20 left fit in it) and answers what
    // it sent; how much fits depends on the machine's speed, so the end is checked after the timer's runs
    const resumed = await t.as(c.managerId).ok('notices', 'resumeJob', { jobId })
    const sentInAction = receivedCounts(t.cloud, TPL47).size
    expect(jobOf(t.cloud, jobId).runs).toBe(halted.runs + 1) // the resume ran a batch, no timer yet
    expect(resumed.sent).toBe(sentInAction)
    expect(resumed.state).toBe(sentInAction === 30 ? 'completed' : 'running')
    const done = await driveToEnd(t.cloud, jobId)
    expect(done.state).toBe('completed')
    expect(done.sent).toBe(30)
    expect(done.failed.data_error).toBe(0)
    const received = receivedCounts(t.cloud, TPL47)
    expect(received.size).toBe(30)
    expect([...received.values()].every((n) => n === 1)).toBe(true)
  })
})
