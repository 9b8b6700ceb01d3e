import { startLocalCloud, type LocalCloud } from '../src'
import { parseFunctionConfig } from '../src/runner'
import { FIXTURE_FUNCTIONS } from './helpers'

describe('config.json timeout', () => {
  it('accepts 1–60 seconds, as the WeChat console does, and refuses more', () => {
    expect(parseFunctionConfig({ timeout: 60 }, 'config.json').timeout).toBe(60)
    expect(parseFunctionConfig({}, 'config.json').timeout).toBe(3)
    for (const timeout of [61, 900, 0, -1, 'soon']) {
      expect(() => parseFunctionConfig({ timeout }, 'fn/config.json')).toThrow(/fn\/config.json.*1 to 60/)
    }
  })
})

describe('latency on demand (dbLatencyMs, callLatencyMs)', () => {
  let cloud: LocalCloud
  afterEach(async () => {
    await cloud?.stop()
  })

  it('delays each database action and each function call by the given time', async () => {
    cloud = await startLocalCloud({
      functionsDir: FIXTURE_FUNCTIONS,
      quiet: true,
      dbLatencyMs: 150,
      callLatencyMs: 200,
    })
    await cloud.db.insertMany('todos', [{ _id: 'seed', title: 'seed' }])
    await cloud.callFunction('todo', { title: 'warm up' }, { openid: 'o-lat' })
    const before = cloud.stats().latency
    // The `todo` fixture makes two database calls (add, then doc().get()): one call delay, two database ones.
    await cloud.callFunction('todo', { title: 'counted' }, { openid: 'o-lat' })
    const after = cloud.stats().latency
    expect({
      dbDelays: after.dbDelays - before.dbDelays,
      dbDelayMs: after.dbDelayMs - before.dbDelayMs,
      callDelays: after.callDelays - before.callDelays,
      callDelayMs: after.callDelayMs - before.callDelayMs,
    }).toEqual({ dbDelays: 2, dbDelayMs: 300, callDelays: 1, callDelayMs: 200 })
  })

  it('adds no delay by default', async () => {
    cloud = await startLocalCloud({ functionsDir: FIXTURE_FUNCTIONS, quiet: true })
    await cloud.db.insertMany('todos', [{ _id: 'seed', title: 'seed' }])
    await cloud.callFunction('todo', { title: 'plain' }, { openid: 'o-lat' })
    expect(cloud.stats().latency).toEqual({ dbDelays: 0, dbDelayMs: 0, callDelays: 0, callDelayMs: 0 })
  })
})
