/** The notices actions through the real wx-server-sdk: settings, subscribing, the coming day, jobs, roles. */
import * as activitiesDb from '../../../core/contract/activities.collections'
import * as inboxDb from '../../../core/contract/inbox.collections'
import * as noticesDb from '../../../core/contract/notices.collections'
import * as usersDb from '../../../core/contract/users.collections'
import type { Activity } from '../../../core/domain'
import { addMonths, monthKeyOf, nextNotice } from '../../../core/notices/schedule'
import { startTestCloud, type TestCloud } from '../../../testing/function-cloud'
import { DEMO_IDENTITIES, DEMO_IDS } from '../../../scripts/seed'
import {
  addCenter,
  addSubscribers,
  driveToEnd,
  jobOf,
  makeDueNow,
  receivedCounts,
  type TestCenter,
} from './test-support'

let t: TestCloud
let other: TestCenter
beforeAll(async () => {
  // instances freeze after main returns, as on the platform: nothing may rely on work left running
  t = await startTestCloud({ maxInstances: 4, freeze: true })
  other = await addCenter(t.cloud, 'act', 2)
})
afterAll(async () => {
  await t.stop()
})

const { resident, elder, volunteer, stationManager, centerAdmin } = DEMO_IDENTITIES
const DEMO_TEMPLATE = 'PRACTICE_DAY_NOTICE_TEMPLATE'

describe('roles', () => {
  const cases: Array<[string, string, unknown, string[]]> = [
    ['getSettings', 'manager', {}, [stationManager, centerAdmin]],
    ['setSettings', 'center manager', { centerId: DEMO_IDS.center, day: 15 }, [centerAdmin]],
    ['jobStatus', 'manager', {}, [stationManager, centerAdmin]],
    // a stale template id: allowed callers get CONFLICT, so no credit is recorded here
    [
      'subscribe',
      'anyone',
      { templateId: 'ROLE_CHECK' },
      [resident, elder, volunteer, stationManager, centerAdmin],
    ],
    ['mySubscription', 'anyone', {}, [resident, elder, volunteer, stationManager, centerAdmin]],
    ['upcoming', 'anyone', {}, [resident, elder, volunteer, stationManager, centerAdmin]],
  ]
  it.each(cases)('%s is for %s', async (action, _who, input, allowed) => {
    for (const openid of [resident, elder, volunteer, stationManager, centerAdmin]) {
      const res = (await t.as(openid).raw('notices', { action, input })) as { ok: boolean; code?: string }
      const refused = !res.ok && res.code === 'FORBIDDEN'
      expect([openid, refused]).toEqual([openid, !allowed.includes(openid)])
    }
  })

  it('startAdhoc is for managers of the station (or above)', async () => {
    const input = { stationId: DEMO_IDS.firstStation, theme: '停水通知', start: Date.now() + 3600_000 }
    for (const openid of [resident, volunteer]) {
      const res = await t.as(openid).call('notices', 'startAdhoc', { ...input, requestId: `req-${openid}` })
      expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    }
    const elsewhere = await t
      .as(stationManager)
      .call('notices', 'startAdhoc', { ...input, stationId: 'u-qh-s02', requestId: 'req-elsewhere' })
    expect(elsewhere).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('no client event starts a run: the old internal hand-over event is an unknown action', async () => {
    const res = await t.as(centerAdmin).raw('notices', { internal: 'runJob', jobId: 'pd:x:2026-01' })
    expect(res).toMatchObject({ ok: false })
    expect(t.cloud.db.find(noticesDb.notice_jobs.name, { _id: 'pd:x:2026-01' })).toEqual([])
  })

  it('an unknown user is refused', async () => {
    expect(await t.as(null).raw('notices', { action: 'mySubscription', input: {} })).toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
    })
  })
})

describe('settings', () => {
  it('shows the defaults before a manager saves: the 15th, the documented template', async () => {
    const view = await t.as(other.managerId).ok('notices', 'getSettings', {})
    expect(view).toMatchObject({
      centerId: other.centerId,
      day: 15,
      sendDaysBefore: 1,
      sendAt: '09:00',
      saved: false,
    })
    expect(view.template.fields.map((f) => `${f.key}:${f.source}`)).toEqual([
      'thing1:theme',
      'time2:time',
      'thing3:place',
      'thing4:note',
    ])
    const expected = nextNotice(new Date(), { day: 15, sendDaysBefore: 1, sendAt: '09:00' }, null)
    expect(view.next.fireAt).toBe(expected.fireAt.getTime())
  })

  it('saves the practice day and the month theme; a station manager of the center may read them', async () => {
    const month = monthKeyOf(new Date())
    const saved = await t.as(other.managerId).ok('notices', 'setSettings', {
      centerId: other.centerId,
      day: 31,
      sendDaysBefore: 2,
      sendAt: '18:30',
      themes: [{ month, theme: '邻里守望 温暖同行' }],
    })
    expect(saved).toMatchObject({ day: 31, sendDaysBefore: 2, sendAt: '18:30', saved: true })
    expect(saved.themes).toEqual([{ month, theme: '邻里守望 温暖同行' }])
    const read = await t.as(other.stationManagerId).ok('notices', 'getSettings', { centerId: other.centerId })
    expect(read.day).toBe(31)
    // a manager of another center may not
    const res = await t.as(centerAdmin).call('notices', 'getSettings', { centerId: other.centerId })
    expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('refuses a field mapping WeChat would reject, naming the field in Chinese', async () => {
    const res = await t.as(other.managerId).call('notices', 'setSettings', {
      centerId: other.centerId,
      day: 15,
      template: {
        id: 'TPL_X',
        kind: 'oneTime',
        page: 'pages/index/index',
        fields: [
          { key: 'thing1', source: 'theme' },
          { key: 'time2', source: 'place' },
        ],
      },
    })
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    if (res.ok) return
    expect(res.fields?.['template.fields.1.source']).toBe('「地点」不能填入 time 类型的「time2」')
  })

  it('refuses a practice day outside 1–31 with a message a person can act on', async () => {
    const res = await t
      .as(other.managerId)
      .call('notices', 'setSettings', { centerId: other.centerId, day: 32 })
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '实践日在每月 1–31 日之间' })
  })
})

describe('subscribing', () => {
  it('records each accept as one credit and the station the subscriber picked', async () => {
    const before = await t.as(resident).ok('notices', 'mySubscription', {})
    expect(before).toMatchObject({
      centerId: DEMO_IDS.center,
      templateId: DEMO_TEMPLATE,
      credits: 0,
      subscribed: false,
    })

    const once = await t
      .as(resident)
      .ok('notices', 'subscribe', { templateId: DEMO_TEMPLATE, stationId: DEMO_IDS.firstStation })
    expect(once).toMatchObject({ credits: 1, subscribed: true, stationId: DEMO_IDS.firstStation })
    expect(once.stationName).toBe('幸福里社区新时代文明实践站')
    const twice = await t.as(resident).ok('notices', 'subscribe', { templateId: DEMO_TEMPLATE })
    expect(twice).toMatchObject({ credits: 2, stationId: DEMO_IDS.firstStation })
    expect((await t.as(resident).ok('notices', 'mySubscription', {})).credits).toBe(2)
  })

  it('counts two accepts tapped at once as two', async () => {
    await Promise.all([
      t.as(elder).ok('notices', 'subscribe', { templateId: DEMO_TEMPLATE }),
      t.as(elder).ok('notices', 'subscribe', { templateId: DEMO_TEMPLATE }),
    ])
    expect((await t.as(elder).ok('notices', 'mySubscription', {})).credits).toBe(2)
  })

  it('asks to refresh when the template changed since the page loaded', async () => {
    const res = await t.as(resident).call('notices', 'subscribe', { templateId: 'OLD_TEMPLATE' })
    expect(res).toMatchObject({ ok: false, code: 'CONFLICT', message: '提醒模板已更新，请返回后重新点订阅' })
  })
})

describe('the coming practice day', () => {
  it("lists the practice day's activities, not the other activities of that day", async () => {
    const view = await t.as(other.managerId).ok('notices', 'getSettings', {})
    const date = view.next.date
    const at = (hh: number) => new Date(`${date}T${String(hh).padStart(2, '0')}:00:00+08:00`)
    const base = {
      unitId: other.stationIds[0]!,
      unitPath: [other.centerId, other.stationIds[0]!],
      unitName: '测试站',
      category: '其他',
      description: '',
      registrationRequired: false,
      capacity: null,
      registeredCount: 0,
      volunteerSlots: 0,
      theme: null,
      coverFileId: null,
      contactPhone: '0536-1',
      status: 'published',
      cancelReason: null,
      attendedCount: 0,
      createdBy: other.managerId,
      createdAt: new Date(),
      updatedAt: new Date(),
    }
    const docs: Partial<Activity>[] = [
      {
        ...base,
        _id: 'pd-a',
        title: '实践日：义诊',
        place: '卫生室',
        start: at(9),
        end: at(11),
        practiceDay: true,
      },
      {
        ...base,
        _id: 'pd-b',
        title: '实践日：理发',
        place: '活动室',
        start: at(14),
        end: at(16),
        practiceDay: true,
      },
      {
        ...base,
        _id: 'pd-c',
        title: '普通活动',
        place: '活动室',
        start: at(10),
        end: at(11),
        practiceDay: false,
      },
    ] as Partial<Activity>[]
    await t.cloud.db.insertMany(activitiesDb.activities.name, docs as unknown as Record<string, unknown>[])
    const up = await t.as(elder).ok('notices', 'upcoming', { centerId: other.centerId })
    expect(up.date).toBe(date)
    expect(up.activities.map((a) => a.title)).toEqual(['实践日：义诊', '实践日：理发'])
    const atStation = await t.as(elder).ok('notices', 'upcoming', { stationId: other.stationIds[1]! })
    expect(atStation.activities).toEqual([])
  })
})

describe('ad-hoc notices and job status', () => {
  it("reaches one station's subscribers once, even when the manager taps twice", async () => {
    const TPL = 'TPL_ADHOC'
    const c = await addCenter(t.cloud, 'adhoc', 2)
    // the monthly notice is not due: only the ad-hoc one goes out
    await makeDueNow(t, c, TPL, { due: false })
    const openids = await addSubscribers(t.cloud, c, 'adhoc', TPL, 20) // even → station 1, odd → station 2
    const input = {
      stationId: c.stationIds[0]!,
      theme: '本周六上午停水，活动改到下周',
      start: Date.now() + 86_400_000,
      requestId: 'req-0001-adhoc',
    }
    const [a, b] = await Promise.all([
      t.as(c.stationManagerId).ok('notices', 'startAdhoc', input),
      t.as(c.stationManagerId).ok('notices', 'startAdhoc', input),
    ])
    expect(a._id).toBe(b._id)
    expect(a).toMatchObject({ kind: 'adhoc', stationId: c.stationIds[0], total: 10 })
    // a first batch is sent inside the action, before it answers (the instance freezes then): what is in
    // the outbox now is what the answers report. How much fits in the batch depends on the machine's
    // speed (a wall-clock budget), so the whole count is checked only once the job has ended.
    const sentInAction = t.cloud.outbox({ templateId: TPL }).length
    expect(jobOf(t.cloud, a._id).runs).toBeGreaterThanOrEqual(1) // no timer has fired yet
    expect(Math.max(a.sent, b.sent)).toBe(sentInAction)
    expect(a.state === 'completed' || b.state === 'completed').toBe(sentInAction === 10)
    const job = await driveToEnd(t.cloud, a._id)
    expect(job).toMatchObject({ state: 'completed', sent: 10 })
    const received = receivedCounts(t.cloud, TPL)
    expect([...received.keys()].sort()).toEqual(openids.filter((_, i) => i % 2 === 0).sort())
    expect([...received.values()].every((n) => n === 1)).toBe(true)
    const [message] = t.cloud.outbox({ touser: openids[0]!, templateId: TPL })
    expect(message!.data.thing1!.value).toBe('本周六上午停水，活动改到下周')
    // each of them also finds it in 我的消息, once
    const inbox = t.cloud.db.find(inboxDb.inbox.name, { eventId: `notice:${a._id}` })
    expect(inbox.map((m) => m.openid).sort()).toEqual(openids.filter((_, i) => i % 2 === 0).sort())
    expect(inbox[0]).toMatchObject({ kind: 'notice', title: expect.stringMatching(/停水/) })
    const inInbox = await t.as(openids[0]!).ok('inbox', 'list', {})
    expect(JSON.stringify(inInbox.items)).toContain('本周六上午停水')

    // the station manager sees it; the center manager sees it too; another center's manager does not
    const mine = await t.as(c.stationManagerId).ok('notices', 'jobStatus', { jobId: a._id })
    expect(mine.jobs[0]).toMatchObject({ state: 'completed', sent: 10, remaining: 0, failedTotal: 0 })
    const list = await t.as(c.managerId).ok('notices', 'jobStatus', {})
    expect(list.jobs.map((j) => j._id)).toContain(a._id)
    const res = await t.as(other.managerId).call('notices', 'jobStatus', { jobId: a._id })
    expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('refuses 1970, past and absurd times with a Chinese message, and starts nothing', async () => {
    const TPL = 'TPL_BADTIME'
    const c = await addCenter(t.cloud, 'badtime', 1)
    await makeDueNow(t, c, TPL, { due: false })
    await addSubscribers(t.cloud, c, 'badtime', TPL, 3)
    const day = 86_400_000
    const cases: Array<[string, { start: number; end?: number }, RegExp]> = [
      ['start0', { start: 0 }, /已经过去/],
      ['past', { start: Date.now() - day }, /已经过去/],
      ['far', { start: Date.now() + 3 * 365 * day }, /太远/],
      ['endless', { start: Date.now() + day, end: Date.now() + 90 * day }, /结束时间/],
    ]
    for (const [key, times, message] of cases) {
      const res = await t.as(c.stationManagerId).call('notices', 'startAdhoc', {
        stationId: c.stationIds[0]!,
        theme: '停水通知',
        ...times,
        requestId: `req-badtime-${key}`,
      })
      expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringMatching(message) })
    }
    expect(t.cloud.db.find(noticesDb.notice_jobs.name, { stationId: c.stationIds[0]! })).toEqual([])
    expect(t.cloud.outbox({ templateId: TPL })).toEqual([])
  })

  it('says so, and starts nothing, when no subscriber of the station holds a credit', async () => {
    const TPL = 'TPL_NOBODY'
    const c = await addCenter(t.cloud, 'nobody', 2)
    await makeDueNow(t, c, TPL, { due: false })
    // station 2 has subscribers; station 1 only one whose credit is spent
    await addSubscribers(t.cloud, c, 'nobody', TPL, 2, (i) => (i === 0 ? 0 : 1))
    const res = await t.as(c.stationManagerId).call('notices', 'startAdhoc', {
      stationId: c.stationIds[0]!,
      theme: '停水通知',
      start: Date.now() + 86_400_000,
      requestId: 'req-nobody-0001',
    })
    expect(res).toMatchObject({ ok: false, code: 'NO_SUBSCRIBERS', message: expect.stringMatching(/没有/) })
    expect(t.cloud.db.find(noticesDb.notice_jobs.name, { stationId: c.stationIds[0]! })).toEqual([])
  })

  it('after the monthly notice the subscriber is told to subscribe again for next month', async () => {
    const TPL = 'TPL_AGAIN'
    const c = await addCenter(t.cloud, 'again', 1)
    const month = await makeDueNow(t, c, TPL)
    const subscriber = 'sub-again-self'
    await t.cloud.db.insertMany(usersDb.users.name, [
      { _id: subscriber, grants: [], homeUnitId: c.stationIds[0], createdAt: new Date() },
    ])
    const subscribed = await t
      .as(subscriber)
      .ok('notices', 'subscribe', { templateId: TPL, stationId: c.stationIds[0]! })
    expect(subscribed.subscribed).toBe(true)
    t.cloud.grantSubscription(subscriber, TPL, 1)

    await t.cloud.fireTimer('notices')
    const jobId = `pd:${c.centerId}:${month}`
    expect(jobOf(t.cloud, jobId).state).toBe('completed')
    expect(t.cloud.outbox({ touser: subscriber, templateId: TPL })).toHaveLength(1)
    const after = await t.as(subscriber).ok('notices', 'mySubscription', {})
    expect(after).toMatchObject({ credits: 0, subscribed: false, lastSentMonth: month })
    // tomorrow is still the coming practice day, but a new credit is for the next month's notice
    expect(after.next.month).toBe(month)
    expect(after.remindMonth).toBe(addMonths(month, 1))
    expect(subscribed.remindMonth).toBe(month)
  })
})
