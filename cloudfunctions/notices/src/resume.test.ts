/**
 * Kill the fan-out at every step and run it again: each subscriber with a credit gets exactly one
 * message, whatever their credit count, and the job's counts equal what WeChat's outbox holds.
 *
 * Kills are real: the instance SIGKILLs itself at a named step (server/crash-point.ts), or the
 * platform kills it at its timeout while WeChat holds its sends (the local cloud's send gate). Instances
 * freeze after main returns (issue 10), so nothing but the timer carries a job between runs. A killed
 * run's lease would lapse at its timeout + 5 s; the test lapses it at once instead of waiting.
 */
import * as inboxDb from '../../../core/contract/inbox.collections'
import * as noticesDb from '../../../core/contract/notices.collections'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startTestCloud, type TestCloud } from '../../../testing/function-cloud'
import type { SubscriptionDoc } from '../../../core/contract/inbox.collections'
import type { JobDoc } from '../../../core/contract/notices.collections'
import { addCenter, addSubscribers, deliveriesOf, jobOf, makeDueNow, receivedCounts } from './test-support'

const BUILT = resolve(__dirname, '..')
const functionsDir = mkdtempSync(join(tmpdir(), 'notices-kill-'))
const crashFile = join(functionsDir, 'crash-points')

/** 30 subscribers holding 1, 2 or 3 credits, sent to in waves of 4: kill points fall mid-chunk. */
const N = 30
const creditsOf = (i: number): number => (i % 3) + 1

/** Sends the gate lets through (per template) before holding the rest, for the mid-send kill. */
let holdAfter: { templateId: string; after: number; seen: number } | null = null
let openGate = (): void => undefined
let gate = new Promise<void>((r) => (openGate = r))

let t: TestCloud
/** wx-server-sdk in the test process, pointed at the test cloud (to lapse a dead run's lease). */
let db: { collection(name: string): { doc(id: string): { update(o: object): Promise<unknown> } } }

beforeAll(async () => {
  mkdirSync(join(functionsDir, 'notices'))
  copyFileSync(join(BUILT, 'index.js'), join(functionsDir, 'notices', 'index.js'))
  // the copy resolves wx-server-sdk from the project, as the original does
  symlinkSync(resolve(BUILT, '..', '..', 'node_modules'), join(functionsDir, 'node_modules'), 'dir')
  writeFileSync(
    join(functionsDir, 'notices', 'config.json'),
    JSON.stringify({
      // short: the mid-send scenario is killed by it
      timeout: 4,
      triggers: [{ name: 'practice-day-notices', type: 'timer', config: '0 * * * * * *' }],
      permissions: { openapi: ['subscribeMessage.send'] },
    }),
  )
  writeFileSync(crashFile, '')
  t = await startTestCloud({
    // no demo county: its practice day would be due too and run first
    seed: false,
    functionsDir,
    maxInstances: 2,
    freeze: true,
    functionEnv: { CRASH_POINTS_FILE: crashFile },
    sendGate: ({ templateId }) => {
      if (holdAfter?.templateId !== templateId) return undefined
      return ++holdAfter.seen > holdAfter.after ? gate : undefined
    },
  })
  // the SDK reads these on every request: they stay set while this file runs (its own jest worker)
  Object.assign(process.env, t.cloud.sdkEnv())
  jest.isolateModules(() => {
    const sdk = jest.requireActual<{
      init(o: object): void
      DYNAMIC_CURRENT_ENV: unknown
      database(): typeof db
    }>('wx-server-sdk')
    sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV })
    db = sdk.database()
  })
})
afterAll(async () => {
  openGate()
  await t.stop()
  rmSync(functionsDir, { recursive: true, force: true })
})

const lapseLease = (jobId: string) =>
  db
    .collection(noticesDb.notice_jobs.name)
    .doc(jobId)
    .update({ data: { leaseUntil: new Date(0) } })

/** Fires the timer, lapsing a dead run's lease first, until the job is no longer running. */
async function timerUntilDone(jobId: string): Promise<JobDoc> {
  for (let i = 0; i < 40; i++) {
    const job = jobOf(t.cloud, jobId)
    if (job.state !== 'running') return job
    if (new Date(job.leaseUntil).getTime() > Date.now()) await lapseLease(jobId)
    // a run the timeout kills on a loaded machine is one more kill: the next tick resumes it
    await t.cloud.fireTimer('notices').catch(() => undefined)
  }
  throw new Error(`job ${jobId} still running: ${JSON.stringify(jobOf(t.cloud, jobId))}`)
}

/** One fresh center and job per scenario; answers what the test checks afterwards. */
async function scenario(key: string) {
  const TPL = `TPL_KILL_${key.toUpperCase().replace(/-/g, '_')}`
  const c = await addCenter(t.cloud, `kill-${key}`, 2)
  const month = await makeDueNow(t, c, TPL, { ratePerSecond: 2000, concurrency: 4 })
  const openids = await addSubscribers(t.cloud, c, `kill-${key}`, TPL, N, creditsOf)
  return { TPL, c, openids, jobId: `pd:${c.centerId}:${month}` }
}

/** Every promise the fan-out makes, checked against WeChat's outbox and ledger. */
function expectExactlyOnce(s: Awaited<ReturnType<typeof scenario>>, done: JobDoc): void {
  const received = receivedCounts(t.cloud, s.TPL)
  const missed = s.openids.filter((id) => received.get(id) !== 1)
  expect({ missed, twice: [...received.values()].filter((n) => n > 1).length }).toEqual({
    missed: [],
    twice: 0,
  })
  const outbox = t.cloud.outbox({ templateId: s.TPL }).length
  const deliveries = deliveriesOf(t.cloud, s.jobId)
  expect(done).toMatchObject({ state: 'completed', total: N, sent: outbox })
  expect(Object.values(done.failed).every((n) => n === 0)).toBe(true)
  expect(deliveries.filter((d) => d.state === 'sent')).toHaveLength(outbox)
  // and the notice is in each one's inbox (我的消息), once
  const inbox = t.cloud.db
    .find(inboxDb.inbox.name, { eventId: `notice:${s.jobId}` })
    .map((m) => m.openid as string)
  expect([...inbox].sort()).toEqual([...s.openids].sort())
  const subs = t.cloud.db.find(inboxDb.subscriptions.name, {
    templateId: s.TPL,
  }) as unknown as SubscriptionDoc[]
  s.openids.forEach((id, i) => {
    const sub = subs.find((x) => x.openid === id)!
    // one credit spent, in our records and in WeChat's
    expect({ id, ours: sub.credits, wechat: t.cloud.openapi.credits(id, s.TPL), job: sub.lastJobId }).toEqual(
      {
        id,
        ours: creditsOf(i) - 1,
        wechat: creditsOf(i) - 1,
        job: s.jobId,
      },
    )
  })
}

/**
 * Kill points, one after another in a row: the first kills the first run, the next kills the run that
 * resumes it, and so on. Waves are numbered per run (4 subscribers each), as are flushes and checkpoints.
 */
const KILLS: Array<[string, string[]]> = [
  ['before the first claim', ['notices:before-claim:1']],
  ['after the inbox messages, before any claim', ['notices:inbox:1']],
  ['before a claim mid-chunk', ['notices:before-claim:4']],
  ['after a wave was sent, before it was recorded', ['notices:sent:3']],
  [
    'after a wave was sent, again in the resumed run’s recovery',
    ['notices:sent:5', 'notices:recover-sent:2'],
  ],
  ['after the recovery re-claimed, before it resent', ['notices:sent:2', 'notices:recover-claimed:1']],
  ['after failures were settled (none) and sends kept in memory', ['notices:settled:6']],
  ['after credits were spent, before deliveries were marked sent', ['notices:spent:1']],
  ['after deliveries were marked sent, before the checkpoint', ['notices:flushed:1']],
  ['after the checkpoint, before completing', ['notices:checkpoint:1']],
  ['in three runs in a row', ['notices:sent:1', 'notices:recover-sent:1', 'notices:sent:2']],
]

describe.each(KILLS.map(([label, points], i) => [label, points, i] as const))(
  'killed %s',
  (_label, points, i) => {
    it('each subscriber gets exactly one message; counts equal the outbox', async () => {
      const s = await scenario(`p${i}`)
      try {
        for (const [k, point] of points.entries()) {
          writeFileSync(crashFile, point)
          if (k > 0) await lapseLease(s.jobId)
          // the run dies at the point: the invocation fails instead of answering
          await expect(t.cloud.fireTimer('notices')).rejects.toThrow(/SIGKILL/)
        }
      } finally {
        writeFileSync(crashFile, '')
      }
      expect(jobOf(t.cloud, s.jobId).state).toBe('running')
      expectExactlyOnce(s, await timerUntilDone(s.jobId))
    })
  },
)

it('killed by its timeout while WeChat holds its sends: resumed, no one missed, no one twice', async () => {
  const s = await scenario('midsend')
  holdAfter = { templateId: s.TPL, after: 10, seen: 0 }
  await expect(t.cloud.fireTimer('notices')).rejects.toThrow(/timed out|SIGKILL/)
  const pending = deliveriesOf(t.cloud, s.jobId).filter((d) => d.state === 'pending')
  // claimed and in flight, not yet recorded: the case recovery exists for (1, 2 and 3 credits alike)
  expect(pending.length).toBeGreaterThan(0)
  // the sends reach WeChat after all: the requests had left before the kill
  holdAfter = null
  openGate()
  gate = new Promise<void>((r) => (openGate = r))
  for (let i = 0; i < 100 && t.cloud.outbox({ templateId: s.TPL }).length < 10 + pending.length; i++)
    await new Promise((r) => setTimeout(r, 20))
  expectExactlyOnce(s, await timerUntilDone(s.jobId))
})

it('with instances frozen after return, one timer tick moves every running job (no hand-over is lost)', async () => {
  const jobs = await Promise.all(['frz-a', 'frz-b', 'frz-c'].map((k) => scenario(k)))
  const tick = await t.cloud.fireTimer<{ started: string[]; runs: { jobId: string; ran: boolean }[] }>(
    'notices',
  )
  for (const s of jobs) {
    expect(tick.started).toContain(s.jobId)
    // every job ran inside the tick's own invocation, awaited; none waits for a kick that froze
    expect(tick.runs.find((r) => r.jobId === s.jobId)?.ran).toBe(true)
    expect(jobOf(t.cloud, s.jobId).state).toBe('completed')
    expectExactlyOnce(s, jobOf(t.cloud, s.jobId))
  }
})
