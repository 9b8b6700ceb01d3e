/** Test support for the notices function: a center of one's own, subscribers, and readings of the result. */
import * as inboxDb from '../../../core/contract/inbox.collections'
import * as noticesDb from '../../../core/contract/notices.collections'
import * as stationsDb from '../../../core/contract/stations.collections'
import * as usersDb from '../../../core/contract/users.collections'
import type { LocalCloud } from '../../../local-cloud/src'
import type { Unit, UserRecord } from '../../../core/domain'
import { nextNotice, type PracticeSchedule } from '../../../core/notices/schedule'
import { shanghai } from '../../../core/time'
import type { TestCloud } from '../../../testing/function-cloud'
import type { SubscriptionDoc } from '../../../core/contract/inbox.collections'
import type { DeliveryDoc, JobDoc } from '../../../core/contract/notices.collections'

export interface TestCenter {
  centerId: string
  stationIds: string[]
  managerId: string
  stationManagerId: string
}

/** A center with `stations` stations, a center manager and a manager of the first station. */
export async function addCenter(cloud: LocalCloud, key: string, stations = 2): Promise<TestCenter> {
  const centerId = `c-${key}`
  const base = { address: '测试地址', location: { type: 'Point', coordinates: [119.1, 36.7] }, hours: '全天' }
  const units: Unit[] = [
    {
      _id: centerId,
      level: 'center',
      name: `${key}新时代文明实践中心`,
      parentId: null,
      ancestors: [],
      phone: '0536-0000000',
      code: `T-${key}-C`,
      ...(base as Pick<Unit, 'address' | 'location' | 'hours'>),
    },
  ]
  const stationIds: string[] = []
  for (let i = 1; i <= stations; i++) {
    const id = `${centerId}-s${i}`
    stationIds.push(id)
    units.push({
      _id: id,
      level: 'station',
      name: `${key}第${i}社区新时代文明实践站`,
      parentId: centerId,
      ancestors: [centerId],
      phone: `0536-000000${i}`,
      code: `T-${key}-S${i}`,
      ...(base as Pick<Unit, 'address' | 'location' | 'hours'>),
    })
  }
  const managerId = `mgr-${key}`
  const stationManagerId = `smgr-${key}`
  const users: UserRecord[] = [
    { _id: managerId, grants: [{ role: 'manager', unitId: centerId }], createdAt: new Date() },
    { _id: stationManagerId, grants: [{ role: 'manager', unitId: stationIds[0]! }], createdAt: new Date() },
  ]
  await cloud.db.insertMany(stationsDb.units.name, units as unknown as Record<string, unknown>[])
  await cloud.db.insertMany(usersDb.users.name, users as unknown as Record<string, unknown>[])
  return { centerId, stationIds, managerId, stationManagerId }
}

/**
 * Saves the center's settings with the template and answers the month of its coming practice day (job
 * ids are `pd:<center>:<month>`). `due` (default): tomorrow is the practice day and its notice goes out
 * the day before from 00:00, so it is due now and stays due past a midnight the test may cross (even the
 * last of a month: the month answered is the practice day's). Otherwise the notice goes out tomorrow at
 * 23:59: not due for a day.
 */
export async function makeDueNow(
  t: TestCloud,
  c: TestCenter,
  templateId: string,
  extra: { ratePerSecond?: number; concurrency?: number; due?: boolean } = {},
): Promise<string> {
  const now = new Date()
  const schedule: PracticeSchedule = {
    day: shanghai(now).add(1, 'day').date(),
    ...((extra.due ?? true)
      ? { sendDaysBefore: 1, sendAt: '00:00' }
      : { sendDaysBefore: 0, sendAt: '23:59' }),
  }
  await t.as(c.managerId).ok('notices', 'setSettings', {
    centerId: c.centerId,
    ...schedule,
    template: {
      id: templateId,
      kind: 'oneTime',
      page: 'pages/index/index',
      fields: [
        { key: 'thing1', source: 'theme' },
        { key: 'time2', source: 'time' },
        { key: 'thing3', source: 'place' },
        { key: 'thing4', source: 'note' },
      ],
    },
    ratePerSecond: extra.ratePerSecond ?? 2000,
    concurrency: extra.concurrency ?? 20,
  })
  return nextNotice(now, schedule, null).month
}

export function openidOf(key: string, i: number): string {
  return `sub-${key}-${String(i).padStart(6, '0')}`
}

/**
 * `n` subscribers of the center, each holding `credits(i)` credits both in our records and in the local
 * cloud's WeChat ledger (as if they had tapped accept that many times); station i % stations.
 */
export async function addSubscribers(
  cloud: LocalCloud,
  c: TestCenter,
  key: string,
  templateId: string,
  n: number,
  credits: (i: number) => number = () => 1,
): Promise<string[]> {
  const now = new Date()
  const docs: SubscriptionDoc[] = []
  const openids: string[] = []
  for (let i = 0; i < n; i++) {
    const openid = openidOf(key, i)
    const stationId = c.stationIds[i % c.stationIds.length]!
    const k = credits(i)
    openids.push(openid)
    docs.push({
      _id: `${templateId}:${openid}`,
      openid,
      templateId,
      centerId: c.centerId,
      stationId,
      stationName: `${stationId} 站`,
      credits: k,
      acceptedAt: now,
      lastJobId: null,
      lastSentAt: null,
      lastSentMonth: null,
      updatedAt: now,
    })
    if (k > 0) cloud.grantSubscription(openid, templateId, k)
  }
  for (let i = 0; i < docs.length; i += 2000) {
    await cloud.db.insertMany(
      inboxDb.subscriptions.name,
      docs.slice(i, i + 2000) as unknown as Record<string, unknown>[],
    )
  }
  return openids
}

export function jobOf(cloud: LocalCloud, jobId: string): JobDoc {
  const [job] = cloud.db.find(noticesDb.notice_jobs.name, { _id: jobId }) as unknown as JobDoc[]
  if (!job) throw new Error(`no job ${jobId}`)
  return job
}

export function deliveriesOf(cloud: LocalCloud, jobId: string): DeliveryDoc[] {
  return cloud.db.find(noticesDb.notice_deliveries.name, { jobId }) as unknown as DeliveryDoc[]
}

/** How many messages each openid received for the template. */
export function receivedCounts(cloud: LocalCloud, templateId: string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const m of cloud.outbox({ templateId })) counts.set(m.touser, (counts.get(m.touser) ?? 0) + 1)
  return counts
}

/** Fires the timer until the job is no longer running (a run hands over to the next by itself too). */
export async function driveToEnd(cloud: LocalCloud, jobId: string, timeoutMs = 50_000): Promise<JobDoc> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const job = jobOf(cloud, jobId)
    if (job.state !== 'running') return job
    if (Date.now() > until) throw new Error(`job ${jobId} still running: ${JSON.stringify(job)}`)
    if (new Date(job.leaseUntil).getTime() < Date.now())
      await cloud.fireTimer('notices').catch(() => undefined)
    else await new Promise((r) => setTimeout(r, 100))
  }
}
