import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { startTestCloud, type TestCloud } from '../testing/function-cloud'
import { DEMO_IDS } from './seed'
import { GRANT_SCRIPT_ACTOR } from './grant'

const run = promisify(execFile)
const ROOT = path.resolve(__dirname, '..')

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
}, 60_000)
afterAll(async () => {
  await t.stop()
})

const grant = (...args: string[]) =>
  run(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/grant.ts', '--local', t.cloud.url, ...args], {
    cwd: ROOT,
    env: { ...process.env, TENCENTCLOUD_SECRETID: '', TENCENTCLOUD_SECRETKEY: '' },
  })

it('makes a person who never opened the app the center admin, with an audit line, once', async () => {
  const { stdout } = await grant('--openid', 'first-admin', '--unit', DEMO_IDS.center)
  expect(stdout).toMatch(/已授予/)
  expect(t.cloud.db.find('users', { _id: 'first-admin' })[0]).toMatchObject({
    grants: [{ role: 'manager', unitId: DEMO_IDS.center }],
  })
  expect(t.cloud.db.find('audit_log', { subject: 'first-admin' })).toMatchObject([
    { kind: 'grant', actor: GRANT_SCRIPT_ACTOR, unitId: DEMO_IDS.center, unitPath: [DEMO_IDS.center] },
  ])
  const again = await grant('--openid', 'first-admin', '--unit', DEMO_IDS.center)
  expect(again.stdout).toMatch(/已是/)
  expect(t.cloud.db.find('audit_log', { subject: 'first-admin' })).toHaveLength(1)

  // the new admin can act at once
  const tree = await t.as('first-admin').ok('network', 'tree', {})
  expect(tree.unit._id).toBe(DEMO_IDS.center)
}, 60_000)

it('refuses a unit that does not exist and writes nothing', async () => {
  await expect(grant('--openid', 'nobody', '--unit', 'u-nope')).rejects.toMatchObject({
    stderr: expect.stringMatching(/没有找到单位 u-nope/),
  })
  expect(t.cloud.db.find('users', { _id: 'nobody' })).toEqual([])
}, 60_000)
