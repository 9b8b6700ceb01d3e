import { performance } from 'node:perf_hooks'
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

  /** The `todo` fixture makes two database calls (add, then doc().get()). */
  async function timeTodo(): Promise<number> {
    await cloud.callFunction('todo', { title: 'warm up' }, { openid: 'o-lat' })
    const start = performance.now()
    await cloud.callFunction('todo', { title: 'timed' }, { openid: 'o-lat' })
    return performance.now() - start
  }

  it('delays each database action and each function call by the given time', async () => {
    cloud = await startLocalCloud({
      functionsDir: FIXTURE_FUNCTIONS,
      quiet: true,
      dbLatencyMs: 150,
      callLatencyMs: 200,
    })
    await cloud.db.insertMany('todos', [{ _id: 'seed', title: 'seed' }])
    // one call (200) + two database actions (2 × 150)
    expect(await timeTodo()).toBeGreaterThanOrEqual(500)
  })
})
