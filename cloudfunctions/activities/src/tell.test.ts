/**
 * Cancelling or moving an activity tells every registrant: one inbox message each, plus the 活动变更提醒
 * subscribe message for those holding a credit, exactly once whatever retries, concurrent callers and
 * kills (server/crash-point.ts) do. Through the real wx-server-sdk; WeChat's side is the local
 * cloud's ledger (credits) and outbox.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cancelMessage, DEFAULT_ACTIVITY_CHANGE_TEMPLATE } from '../../../core/activities/change-notice'
import { startTestCloud, type TestCloud } from '../../../testing/function-cloud'
import { DEMO_IDENTITIES } from '../../../scripts/seed'
import { readActivity, storeActivity } from './test-activities'

const TEMPLATE = DEFAULT_ACTIVITY_CHANGE_TEMPLATE.id
const dir = mkdtempSync(join(tmpdir(), 'tell-kill-'))
const crashFile = join(dir, 'crash-points')
const { stationManager } = DEMO_IDENTITIES
const HOUR = 3_600_000

let t: TestCloud
beforeAll(async () => {
  writeFileSync(crashFile, '')
  t = await startTestCloud({
    maxInstances: 6,
    functionEnv: { CRASH_POINTS_FILE: crashFile, NOTIFY_SEND_LEASE_MS: '500' },
  })
}, 90_000)
afterAll(async () => {
  await t.stop()
  rmSync(dir, { recursive: true, force: true })
})

/** `n` people registered; the first `withCredit` accepted the template in the 报名 tap (WeChat and us). */
async function registered(id: string, tag: string, n: number, withCredit: number): Promise<string[]> {
  const people = Array.from({ length: n }, (_, i) => `${tag}-${String(i).padStart(2, '0')}`)
  await t.cloud.db.insertMany(
    'users',
    people.map((_id) => ({ _id, grants: [], createdAt: new Date() })),
  )
  for (let i = 0; i < people.length; i += 6) {
    await Promise.all(
      people.slice(i, i + 6).map((p, k) => {
        const credit = i + k < withCredit
        if (credit) t.cloud.grantSubscription(p, TEMPLATE)
        return t.as(p).ok('activities', 'register', { id, accepted: credit ? [TEMPLATE] : [] })
      }),
    )
  }
  return people
}

const telling = (id: string): boolean =>
  (readActivity(t.cloud, id) as unknown as { telling?: boolean }).telling === true
const inboxOf = (eventId: string) => t.cloud.db.find('inbox', { eventId })
const outboxOf = (people: string[]) =>
  t.cloud.outbox({ templateId: TEMPLATE }).filter((m) => people.includes(m.touser))

function expectExactlyOnce(eventId: string, people: string[], withCredit: number) {
  const inbox = inboxOf(eventId)
  expect(inbox.map((m) => m.openid).sort()).toEqual([...people].sort())
  const sent = outboxOf(people)
  expect(new Set(sent.map((m) => m.touser)).size).toBe(sent.length)
  expect(sent.map((m) => m.touser).sort()).toEqual(people.slice(0, withCredit).sort())
}

describe('cancel', () => {
  it('tells all 35 registrants once: 10 by message and inbox, 25 in the inbox only; the manager sees both', async () => {
    const id = await storeActivity(t.cloud, { capacity: 40, title: '冬季用电安全讲座' })
    const people = await registered(id, 'c35', 35, 10)
    const res = await t.as(stationManager).ok('activities', 'cancel', { id, reason: '场地维修' })
    expect(res).toMatchObject({ cancelled: true, toTell: 35, unchanged: false })
    expect(res.told).toMatchObject({ toTell: 35, told: 35, byMessage: 10, inboxOnly: 25, done: true })
    expectExactlyOnce(`cancel:${id}`, people, 10)
    expect(outboxOf(people)[0]!.data).toMatchObject({
      thing1: { value: '冬季用电安全讲座' },
      thing4: { value: '已取消：场地维修' },
    })

    // a registrant's 我的消息: the message, unread on the home page until read
    const inbox = await t.as(people[20]!).ok('inbox', 'list', {})
    expect(inbox.unread).toBe(1)
    expect(inbox.items[0]).toMatchObject({ title: '活动取消：冬季用电安全讲座', read: false })
    expect(inbox.items[0]!.body).toContain('原因：场地维修')
    expect(inbox.items[0]!.page).toBe(`pages/activity/index?id=${id}`)
    expect(await t.as(people[20]!).ok('inbox', 'markRead', { ids: [inbox.items[0]!._id] })).toEqual({
      unread: 0,
    })
    // someone else's message cannot be marked read by another caller
    expect(await t.as(people[21]!).ok('inbox', 'markRead', { ids: [inbox.items[0]!._id] })).toEqual({
      unread: 1,
    })

    // the manager taps again, the timer fires meanwhile: nobody is told twice
    const [again] = await Promise.all([
      t.as(stationManager).ok('activities', 'cancel', { id, reason: '再点一次' }),
      t.cloud.fireTimer('activities'),
    ])
    expect(again).toMatchObject({ unchanged: true, told: { told: 35, byMessage: 10, done: true } })
    expectExactlyOnce(`cancel:${id}`, people, 10)
    expect(readActivity(t.cloud, id)).toMatchObject({ telling: false, pendingEvents: [] })

    // 我的活动 shows it as 已取消 with the reason, never under 即将参加
    const mine = await t.as(people[0]!).ok('activities', 'mine', {})
    expect(mine.upcoming.map((m) => m.activity._id)).not.toContain(id)
    expect(mine.cancelled).toEqual([
      expect.objectContaining({ cancelReason: '场地维修', activity: expect.objectContaining({ _id: id }) }),
    ])
  }, 120_000)

  it.each(['notify:after-inbox', 'notify:after-spend', 'notify:after-send'])(
    'a cancel killed at %s is finished by the timer: one inbox message each, no duplicate message',
    async (point) => {
      const id = await storeActivity(t.cloud, { capacity: 40 })
      const tag = point.replace(/\W/g, '')
      const people = await registered(id, tag, 12, 6)
      writeFileSync(crashFile, point)
      await expect(
        t.as(stationManager).call('activities', 'cancel', { id, reason: '天气原因' }),
      ).rejects.toThrow(/exited|crash/i)
      writeFileSync(crashFile, '')
      expect(readActivity(t.cloud, id)).toMatchObject({ status: 'cancelled', telling: true })
      await new Promise((r) => setTimeout(r, 700))
      for (let i = 0; i < 5 && telling(id); i++) await t.cloud.fireTimer('activities')
      const doc = readActivity(t.cloud, id) as unknown as { telling: boolean; told: Record<string, unknown> }
      expect(doc.telling).toBe(false)
      expect(doc.told).toMatchObject({ toTell: 12, told: 12, done: true })
      const inbox = inboxOf(`cancel:${id}`)
      expect(inbox.map((m) => m.openid).sort()).toEqual(people)
      const sent = outboxOf(people).map((m) => m.touser)
      expect(new Set(sent).size).toBe(sent.length)
      // everyone with a credit got it, except at most the ones whose send was cut off mid-call
      const cutOff = inbox.filter((m) => m.push === 'unknown').length
      expect(sent.length).toBeGreaterThanOrEqual(6 - cutOff)
      expect(sent.every((p) => people.slice(0, 6).includes(p))).toBe(true)
      // the counts the manager sees equal what the outbox shows, up to the cut-off ones
      expect(Number(doc.told.byMessage) + cutOff).toBeGreaterThanOrEqual(sent.length)
    },
    90_000,
  )
})

describe('a send cut off mid-call', () => {
  it('is not sent again when the person accepted the template again since (WeChat would take a duplicate)', async () => {
    const id = await storeActivity(t.cloud, { capacity: 10 })
    // one credit, spent on this message: a retry would meet WeChat's 43101 ... until they accept again
    const [p] = await registered(id, 'again', 1, 1)
    writeFileSync(crashFile, 'notify:after-send')
    await expect(
      t.as(stationManager).call('activities', 'cancel', { id, reason: '天气原因' }),
    ).rejects.toThrow(/exited|crash/i)
    writeFileSync(crashFile, '')
    expect(outboxOf([p!])).toHaveLength(1)
    // a 报名 tap elsewhere accepts 活动变更提醒 again: one credit with WeChat and with us
    const other = await storeActivity(t.cloud, { capacity: 10 })
    t.cloud.grantSubscription(p!, TEMPLATE)
    await t.as(p!).ok('activities', 'register', { id: other, accepted: [TEMPLATE] })
    await new Promise((r) => setTimeout(r, 700)) // the send's lease (500 ms here) lapses
    for (let i = 0; i < 3 && telling(id); i++) await t.cloud.fireTimer('activities')
    expect(telling(id)).toBe(false)
    expect(outboxOf([p!])).toHaveLength(1)
    expect(inboxOf(`cancel:${id}`)).toEqual([expect.objectContaining({ openid: p, push: 'unknown' })])
    // the new credit is still there for the next message
    expect(t.cloud.db.find('subscriptions', { _id: `${TEMPLATE}:${p}` })).toEqual([
      expect.objectContaining({ credits: 1 }),
    ])
  }, 90_000)
})

describe('concurrent tellers', () => {
  it('timer runs and repeated cancels at once still tell each person once', async () => {
    const people = Array.from({ length: 20 }, (_, i) => `conc-${String(i).padStart(2, '0')}`)
    const withCredit = people.slice(0, 8)
    const start = new Date(Date.now() + 48 * HOUR)
    const activity = {
      _id: 'pending',
      title: '测试活动',
      place: '活动室',
      start,
      end: new Date(start.getTime() + 2 * HOUR),
      unitName: '幸福里社区新时代文明实践站',
      contactPhone: '0536-7211001',
    }
    const message = cancelMessage(activity, '停电')
    // cancelled, the event recorded, nobody told yet: as after a kill right after the status flip
    const id = await storeActivity(t.cloud, {
      capacity: 40,
      status: 'cancelled',
      cancelReason: '停电',
      registrants: people,
      registeredCount: people.length,
      ...({
        telling: true,
        pendingEvents: [{ id: 'cancel:conc', kind: 'activityCancelled', ...message, at: new Date() }],
      } as object),
    })
    await t.cloud.db.insertMany(
      'subscriptions',
      withCredit.map((openid) => {
        t.cloud.grantSubscription(openid, TEMPLATE)
        return { _id: `${TEMPLATE}:${openid}`, openid, templateId: TEMPLATE, credits: 1, spentFor: [] }
      }),
    )
    await Promise.all([
      t.cloud.fireTimer('activities'),
      t.cloud.fireTimer('activities'),
      t.as(stationManager).ok('activities', 'cancel', { id, reason: '再点一次' }),
      t.as(stationManager).ok('activities', 'cancel', { id, reason: '又点一次' }),
    ])
    for (let i = 0; i < 3 && telling(id); i++) await t.cloud.fireTimer('activities')
    expectExactlyOnce('cancel:conc', people, 8)
    expect(t.cloud.db.find('subscriptions', { openid: { $in: withCredit } }).map((s) => s.credits)).toEqual(
      withCredit.map(() => 0),
    )
  }, 90_000)
})

describe('update', () => {
  it('tells registrants of a new time and place, old → new as elders read dates', async () => {
    const start = Date.now() + 48 * HOUR
    const id = await storeActivity(t.cloud, { capacity: 10, place: '活动室' })
    const people = await registered(id, 'chg', 3, 1)
    const editor = await t.as(stationManager).ok('activities', 'editor', { id })
    const draft = editor.activity!
    const moved = start + 24 * HOUR
    const res = await t.as(stationManager).ok('activities', 'update', {
      id,
      title: draft.title,
      category: draft.category,
      description: draft.description,
      place: '二楼会议室',
      start: moved,
      end: moved + 2 * HOUR,
      registrationRequired: true,
      capacity: 10,
      volunteerSlots: draft.volunteerSlots,
      theme: draft.theme,
      practiceDay: draft.practiceDay,
      coverFileId: null,
      contactPhone: draft.contactPhone,
    })
    expect(res.told).toMatchObject({ kind: 'activityChanged', told: 3, byMessage: 1, inboxOnly: 2 })
    const [msg] = (await t.as(people[1]!).ok('inbox', 'list', {})).items
    expect(msg!.title).toBe('活动时间和地点变更：测试活动')
    expect(msg!.body).toMatch(/时间由 \d+月\d+日 星期. .+ 改为 \d+月\d+日 星期. /)
    expect(msg!.body).toContain('地点由「活动室」改为「二楼会议室」')
    // an edit that moves neither tells nobody
    const quiet = await t.as(stationManager).ok('activities', 'update', {
      id,
      title: draft.title,
      category: draft.category,
      description: '介绍改了一个字。',
      place: '二楼会议室',
      start: moved,
      end: moved + 2 * HOUR,
      registrationRequired: true,
      capacity: 10,
      volunteerSlots: draft.volunteerSlots,
      theme: draft.theme,
      practiceDay: draft.practiceDay,
      coverFileId: null,
      contactPhone: draft.contactPhone,
    })
    expect(quiet.told).toBeNull()
    expect(t.cloud.db.find('inbox', { openid: people[1]! })).toHaveLength(1)
  }, 60_000)
})
