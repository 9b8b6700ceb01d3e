/**
 * Kill the fan-out mid-run and run it again: still exactly one message per subscriber. The run is killed
 * the way the platform does it, by exceeding the function's timeout: a copy of the built function gets a
 * 4-second timeout while its batch budget (NOTICES_BATCH_BUDGET_MS) is longer, and WeChat's stand-in
 * holds the sends after the first HOLD_AFTER, so the run is always killed mid-send (timing alone would
 * sometimes kill it between two chunks, with nothing in flight).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startTestCloud, type TestCloud } from '../../../core/server/testing/function-cloud'
import type { SubscriptionDoc } from './model'
import {
  addCenter,
  addSubscribers,
  deliveriesOf,
  driveToEnd,
  jobOf,
  makeDueNow,
  receivedCounts,
} from './test-support'

const BUILT = resolve(__dirname, '..')
const functionsDir = mkdtempSync(join(tmpdir(), 'notices-kill-'))
const configFile = join(functionsDir, 'notices', 'config.json')

function setTimeoutSeconds(seconds: number): void {
  const config = {
    timeout: seconds,
    triggers: [{ name: 'practice-day-notices', type: 'timer', config: '0 */5 * * * * *' }],
    permissions: { openapi: ['subscribeMessage.send'] },
  }
  writeFileSync(configFile, JSON.stringify(config))
}

/** Sends let through before the gate closes: a whole number of the run's 100-subscriber chunks. */
const HOLD_AFTER = 500
let holding = false
let gateCalls = 0
let openGate = (): void => undefined
const gate = new Promise<void>((resolve) => (openGate = resolve))

let t: TestCloud
beforeAll(async () => {
  mkdirSync(join(functionsDir, 'notices'))
  copyFileSync(join(BUILT, 'index.js'), join(functionsDir, 'notices', 'index.js'))
  // the copy resolves wx-server-sdk from the project, as the original does
  symlinkSync(resolve(BUILT, '..', '..', 'node_modules'), join(functionsDir, 'node_modules'), 'dir')
  setTimeoutSeconds(60)
  t = await startTestCloud({
    // no demo county: its practice day would be due too and run first
    seed: false,
    functionsDir,
    maxInstances: 4,
    functionEnv: { NOTICES_BATCH_BUDGET_MS: '30000' },
    sendGate: () => (holding && ++gateCalls > HOLD_AFTER ? gate : undefined),
  })
})
afterAll(async () => {
  openGate()
  await t.stop()
  rmSync(functionsDir, { recursive: true, force: true })
})

it('a run killed mid-send resumes from its checkpoint; everyone still gets exactly one message', async () => {
  const TPL = 'TPL_KILLED'
  const N = 3000
  const c = await addCenter(t.cloud, 'kill', 2)
  const month = await makeDueNow(t, c, TPL, { ratePerSecond: 600, concurrency: 10 })
  const openids = await addSubscribers(t.cloud, c, 'kill', TPL, N)
  const jobId = `pd:${c.centerId}:${month}`

  setTimeoutSeconds(4)
  holding = true
  await expect(t.cloud.fireTimer('notices')).rejects.toThrow(/timed out/)
  holding = false
  const killed = jobOf(t.cloud, jobId)
  const sentBeforeKill = t.cloud.outbox({ templateId: TPL }).length
  expect(killed.state).toBe('running')
  expect(sentBeforeKill).toBe(HOLD_AFTER)
  // claimed and (maybe) sent, not yet recorded: the case the recovery exists for
  expect(deliveriesOf(t.cloud, jobId).filter((d) => d.state === 'pending').length).toBeGreaterThan(0)
  // the sends the dead run had in flight reach WeChat after all: "maybe sent" became "sent"
  openGate()
  const inFlight = gateCalls - HOLD_AFTER
  expect(inFlight).toBeGreaterThan(0)
  for (let i = 0; i < 100 && t.cloud.outbox({ templateId: TPL }).length < gateCalls; i++)
    await new Promise((r) => setTimeout(r, 20))
  expect(t.cloud.outbox({ templateId: TPL }).length).toBe(gateCalls)

  setTimeoutSeconds(60)
  const done = await driveToEnd(t.cloud, jobId)

  const received = receivedCounts(t.cloud, TPL)
  expect(received.size).toBe(N)
  for (const id of openids) expect(received.get(id)).toBe(1)
  expect(done).toMatchObject({ state: 'completed', sent: N, total: N })
  expect(deliveriesOf(t.cloud, jobId).every((d) => d.state === 'sent')).toBe(true)
  const subs = t.cloud.db.find('subscriptions', {
    centerId: c.centerId,
    templateId: TPL,
  }) as unknown as SubscriptionDoc[]
  expect(subs.every((s) => s.credits === 0 && s.lastJobId === jobId)).toBe(true)
  // the resumed run did not start over: what the killed run had settled stayed its own
  const killedRun = killed.leaseOwner
  expect(killedRun).not.toBeNull()
  expect(deliveriesOf(t.cloud, jobId).filter((d) => d.runId === killedRun).length).toBeGreaterThan(0)
})
