/**
 * The monthly fan-out through the real wx-server-sdk against the local cloud: exactly one message per
 * subscriber with a credit (read from the outbox), credits spent only on success, every query on an index.
 */
import * as inboxDb from '../../../core/contract/inbox.collections'
import { startTestCloud, type TestCloud } from '../../../testing/function-cloud'
import {
  addCenter,
  addSubscribers,
  deliveriesOf,
  driveToEnd,
  makeDueNow,
  openidOf,
  receivedCounts,
} from './test-support'
import type { SubscriptionDoc } from '../../../core/contract/inbox.collections'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud({ seed: false, maxInstances: 4, freeze: true })
})
afterAll(async () => {
  await t.stop()
})

describe('the monthly fan-out to 10,000 subscribers', () => {
  const N = 10_000
  const TPL = 'TPL_TEN_THOUSAND'
  let openids: string[]
  let month: string

  it('sends exactly one message to everyone with a credit and to no one else', async () => {
    const c = await addCenter(t.cloud, 'big', 3)
    month = await makeDueNow(t, c, TPL)
    // every 50th subscriber has no credit left (spent last month): they must get nothing
    openids = await addSubscribers(t.cloud, c, 'big', TPL, N, (i) => (i % 50 === 0 ? 0 : 1))
    const unindexedBefore = t.cloud.stats().db.unindexed.length

    const tick = await t.cloud.fireTimer<{ started: string[] }>('notices')
    const jobId = `pd:${c.centerId}:${month}`
    expect(tick.started).toContain(jobId)
    const job = await driveToEnd(t.cloud, jobId, 280_000)
    expect(t.cloud.stats().db.unindexed.slice(unindexedBefore)).toEqual([])

    const withCredit = openids.filter((_, i) => i % 50 !== 0)
    const received = receivedCounts(t.cloud, TPL)
    expect(received.size).toBe(withCredit.length)
    expect([...received.values()].every((n) => n === 1)).toBe(true)
    for (const id of withCredit) expect(received.get(id)).toBe(1)
    expect(received.has(openids[0]!)).toBe(false)

    expect(job).toMatchObject({ state: 'completed', total: withCredit.length, sent: withCredit.length })
    expect(Object.values(job.failed).every((n) => n === 0)).toBe(true)
    const deliveries = deliveriesOf(t.cloud, jobId)
    expect(deliveries).toHaveLength(withCredit.length)
    expect(deliveries.every((d) => d.state === 'sent')).toBe(true)

    // each credit spent once, in our records and in WeChat's
    const subs = t.cloud.db.find(inboxDb.subscriptions.name, {
      templateId: TPL,
    }) as unknown as SubscriptionDoc[]
    expect(subs.every((s) => s.credits === 0)).toBe(true)
    expect(subs.filter((s) => s.lastSentMonth === month)).toHaveLength(withCredit.length)
    expect(t.cloud.openapi.credits(withCredit[0]!, TPL)).toBe(0)
  }, 300_000)

  it('names the practice day and fits every value to WeChat limits (the emulator rejects anything else)', () => {
    const [m] = t.cloud.outbox({ touser: openidOf('big', 1), templateId: TPL })
    expect(m!.page).toBe('pages/index/index')
    expect(Object.keys(m!.data)).toEqual(['thing1', 'time2', 'thing3', 'thing4'])
    expect(m!.data.thing1!.value).toMatch(/^\d{1,2}月文明实践日$/)
    expect(m!.data.time2!.value).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 09:00$/)
  })

  it('does not send again when the timer fires again the same month', async () => {
    const before = t.cloud.outbox({ templateId: TPL }).length
    const tick = await t.cloud.fireTimer<{ started: string[] }>('notices')
    expect(tick.started).not.toContain(`pd:c-big:${month}`)
    expect(t.cloud.outbox({ templateId: TPL })).toHaveLength(before)
  })
})
