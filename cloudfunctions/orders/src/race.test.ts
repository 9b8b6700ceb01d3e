/**
 * 接单 under concurrency: 50 volunteers of the team tap 接单 at once. Every accept that has read the order
 * waits at a gate (ORDERS_RACE_GATE_DIR, store.ts) until a full wave of instances has read it, so the
 * writes really race on the same version. Exactly one holds the order; the others are told it is taken.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEMO_IDENTITIES, DEMO_IDS } from '../../../scripts/seed'
import { startTestCloud, type TestCloud } from '../../../testing/function-cloud'

const RACERS = 50
/** the local cloud's instances per function: a wave of this many reads before anyone writes */
const WAVE = 10
const gate = mkdtempSync(join(tmpdir(), 'orders-race-'))
let t: TestCloud

beforeAll(async () => {
  t = await startTestCloud({ maxInstances: WAVE, functionEnv: { ORDERS_RACE_GATE_DIR: gate } })
}, 90_000)
afterAll(async () => {
  await t.stop()
  rmSync(gate, { recursive: true, force: true })
})

const arrived = () =>
  existsSync(join(gate, 'arrived'))
    ? readFileSync(join(gate, 'arrived'), 'utf8').split('\n').filter(Boolean).length
    : 0

it('50 volunteers accept at once: exactly one holds it, the others are told it is taken', async () => {
  const placed = await t.as(DEMO_IDENTITIES.elder).ok('orders', 'place', {
    requestId: `race${Date.now()}`,
    category: '理发',
    wantedAt: Date.now() + 86_400_000,
    where: 'station',
  })
  await t.as(DEMO_IDENTITIES.stationManager).ok('orders', 'dispatch', { id: placed._id, teamId: 't-qh-06' })
  const racers = Array.from({ length: RACERS }, (_, i) => `race-volunteer-${i}`)
  await t.cloud.db.insertMany(
    'users',
    racers.map((id, i) => ({
      _id: id,
      name: `志愿者${i}`,
      grants: [{ role: 'volunteer', unitId: DEMO_IDS.firstStation }],
      teamIds: ['t-qh-06'],
      createdAt: new Date(),
    })),
  )
  // warm a full wave of instances first (cold starts on a loaded machine take seconds each)
  await Promise.all(racers.slice(0, WAVE).map((id) => t.as(id).ok('orders', 'get', { id: placed._id })))
  const calls = racers.map((id) => t.as(id).call('orders', 'accept', { id: placed._id }))
  // open the gate once a whole wave has read the order as dispatched
  const until = Date.now() + 60_000
  while (arrived() < WAVE && Date.now() < until) await new Promise((r) => setTimeout(r, 20))
  expect(arrived()).toBeGreaterThanOrEqual(WAVE)
  writeFileSync(join(gate, 'go'), 'go')
  const results = await Promise.all(calls)

  const winners = results.filter((r) => r.ok)
  expect(winners).toHaveLength(1)
  expect([...new Set(results.map((r) => (r.ok ? 'ok' : r.code)))].sort()).toEqual(['ORDER_TAKEN', 'ok'])
  const [stored] = t.cloud.db.find('orders', { _id: placed._id }) as Array<{
    holder: string
    history: unknown[]
  }>
  expect(stored!.holder).toBe(racers[results.findIndex((r) => r.ok)])
  expect(stored!.history).toHaveLength(3)
}, 180_000)
