import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { SOURCE } from '../src/runner'
import { startRunner } from './helpers'

const user = { identity: { openid: 'o-freeze' }, source: SOURCE.client }

describe('freeze after return', () => {
  it('is on by default', async () => {
    const saved = process.env.LOCAL_CLOUD_FREEZE
    delete process.env.LOCAL_CLOUD_FREEZE
    const local = await startRunner({ maxInstances: 1 })
    try {
      await local.runner.invoke('leftover', { dir, tag: 'default', timer: 50 }, user)
      await sleep(500)
      expect(existsSync(join(dir, 'timer-default'))).toBe(false)
    } finally {
      if (saved !== undefined) process.env.LOCAL_CLOUD_FREEZE = saved
      await local.stop()
    }
  })

  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'freeze-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('stops timers, un-awaited promises and fire-and-forget calls once main returns', async () => {
    const local = await startRunner({ maxInstances: 1, freeze: true })
    try {
      const first = JSON.parse(
        await local.runner.invoke('leftover', { dir, tag: 'a', timer: 50, chain: 50, call: true }, user),
      ) as { pid: number }
      await sleep(600)
      expect(existsSync(join(dir, 'timer-a'))).toBe(false)
      expect(existsSync(join(dir, 'chain-a'))).toBe(false)
      expect(existsSync(join(dir, 'call-a'))).toBe(false)

      // Thawed for its next invocation, the same instance runs what was left, as on the platform.
      const second = JSON.parse(
        await local.runner.invoke('leftover', { dir, tag: 'b', wait: 200 }, user),
      ) as { pid: number }
      expect(second.pid).toBe(first.pid)
      expect(existsSync(join(dir, 'timer-a'))).toBe(true)
      expect(existsSync(join(dir, 'chain-a'))).toBe(true)
    } finally {
      await local.stop()
    }
  })

  it('lets work that main awaited finish, including a call to another function', async () => {
    const local = await startRunner({ maxInstances: 1, freeze: true })
    try {
      await local.runner.invoke(
        'leftover',
        { dir, tag: 'c', timer: 20, chain: 20, call: true, wait: 1500 },
        user,
      )
      expect(existsSync(join(dir, 'timer-c'))).toBe(true)
      expect(existsSync(join(dir, 'chain-c'))).toBe(true)
      expect(existsSync(join(dir, 'call-c'))).toBe(true)
    } finally {
      await local.stop()
    }
  })

  it('thaws an instance with a large event and still answers large results', async () => {
    const local = await startRunner({ maxInstances: 1, freeze: true })
    try {
      const page = 'x'.repeat(2 * 1024 * 1024)
      const pids = new Set<number>()
      for (let i = 0; i < 3; i++) {
        const out = JSON.parse(await local.runner.invoke('whoami', { page, i }, user)) as {
          event: { page: string; i: number }
        }
        expect(out.event.page.length).toBe(page.length)
        expect(out.event.i).toBe(i)
        pids.add(
          (JSON.parse(await local.runner.invoke('leftover', { dir, tag: `p${i}` }, user)) as { pid: number })
            .pid,
        )
      }
      expect(local.runner.stats().coldStarts).toBe(2) // one warm instance per function, thawed each time
      expect(pids.size).toBe(1)
    } finally {
      await local.stop()
    }
  })

  it('can be turned off (freeze: false): left-over work then runs on, unlike on the platform', async () => {
    const local = await startRunner({ maxInstances: 1, freeze: false })
    try {
      await local.runner.invoke('leftover', { dir, tag: 'd', timer: 50, chain: 50, call: true }, user)
      await sleep(1500)
      expect(existsSync(join(dir, 'timer-d'))).toBe(true)
      expect(existsSync(join(dir, 'chain-d'))).toBe(true)
      expect(existsSync(join(dir, 'call-d'))).toBe(true)
    } finally {
      await local.stop()
    }
  })
})
