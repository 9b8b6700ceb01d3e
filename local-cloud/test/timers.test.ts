import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { TimerScheduler, nextFireTime, parseCron } from '../src/timers'
import { ENV_ID, startRunner } from './helpers'

describe('nextFireTime (7-field cron in UTC+8)', () => {
  it('fires 09:00 Beijing time on the 14th at 01:00 UTC', () => {
    expect(nextFireTime('0 0 9 14 * * *', new Date('2025-03-01T00:00:00Z'))?.toISOString()).toBe(
      '2025-03-14T01:00:00.000Z',
    )
    // Strictly after `from`: at the fire time itself, the next one is a month later.
    expect(nextFireTime('0 0 9 14 * * *', new Date('2025-03-14T01:00:00Z'))?.toISOString()).toBe(
      '2025-04-14T01:00:00.000Z',
    )
  })

  it('counts days in Beijing time, not UTC', () => {
    // 00:30 on Monday in Beijing is still Sunday 16:30 in UTC.
    expect(nextFireTime('0 30 0 * * MON *', new Date('2025-06-04T00:00:00Z'))?.toISOString()).toBe(
      '2025-06-08T16:30:00.000Z',
    )
    // Midnight on the 1st in Beijing is the last day of the previous month in UTC.
    expect(nextFireTime('0 0 0 1 * * *', new Date('2025-06-15T00:00:00Z'))?.toISOString()).toBe(
      '2025-06-30T16:00:00.000Z',
    )
  })

  it('supports seconds, steps, ranges and weekday names', () => {
    expect(nextFireTime('*/20 * * * * * *', new Date('2025-01-01T00:00:05Z'))?.toISOString()).toBe(
      '2025-01-01T00:00:20.000Z',
    )
    // Friday 18:00 Beijing time exactly: the next weekday evening is Monday's.
    expect(nextFireTime('0 0 18 * * MON-FRI *', new Date('2025-06-06T10:00:00Z'))?.toISOString()).toBe(
      '2025-06-09T10:00:00.000Z',
    )
  })

  it('honours the year field', () => {
    expect(nextFireTime('0 0 9 1 1 * 2027', new Date('2025-06-01T00:00:00Z'))?.toISOString()).toBe(
      '2027-01-01T01:00:00.000Z',
    )
    // 00:00 on 1 Jan 2026 in Beijing is still 2025 in UTC; the year is Beijing's.
    expect(nextFireTime('0 0 0 1 1 * 2026', new Date('2025-06-01T00:00:00Z'))?.toISOString()).toBe(
      '2025-12-31T16:00:00.000Z',
    )
    expect(nextFireTime('0 0 9 1 1 * 2020-2024', new Date('2025-06-01T00:00:00Z'))).toBeNull()
  })

  it('rejects crons the platform would not take or that read ambiguously', () => {
    expect(() => parseCron('0 0 9 14 * *')).toThrow('7 fields')
    expect(() => parseCron('0 0 9 * * 1 *')).toThrow('MON…SUN')
    expect(() => parseCron('0 0 9 * * * 1969')).toThrow('year')
    expect(() => parseCron('0 0 25 * * * *')).toThrow()
  })
})

describe('timer triggers', () => {
  it('fire on demand with SOURCE wx_trigger, no OPENID and the platform timer event', async () => {
    const env = await startRunner()
    const timers = new TimerScheduler(env.runner)
    try {
      const listed = timers.list(new Date('2025-03-01T00:00:00Z'))
      expect(listed).toEqual([
        {
          fn: 'ticker',
          trigger: 'monthlyReminder',
          cron: '0 0 9 14 * * *',
          next: new Date('2025-03-14T01:00:00Z'),
          error: undefined,
          lastRun: undefined,
        },
      ])

      const before = Date.now()
      const out = JSON.parse(await timers.fire('ticker')) as {
        event: { Type: string; TriggerName: string; Time: string }
        wxContext: Record<string, unknown>
      }
      expect(out.wxContext).toEqual({ ENV: ENV_ID, SOURCE: 'wx_trigger' })
      expect(out.event.Type).toBe('Timer')
      expect(out.event.TriggerName).toBe('monthlyReminder')
      expect(out.event.Time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
      expect(Date.parse(out.event.Time)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000)
      expect(timers.list()[0].lastRun).toMatchObject({ ok: true })

      await expect(timers.fire('whoami')).rejects.toThrow('has no timer trigger')
    } finally {
      timers.stop()
      await env.stop()
    }
  })
})

describe('timer scheduler', () => {
  it('fires a trigger when it is due while running, and not after stop()', async () => {
    const root = join(__dirname, '..', '..', '.tmp')
    mkdirSync(root, { recursive: true })
    const dir = mkdtempSync(join(root, 'timers-'))
    mkdirSync(join(dir, 'everySecond'))
    writeFileSync(join(dir, 'everySecond', 'index.js'), 'exports.main = async (event) => event.TriggerName\n')
    writeFileSync(
      join(dir, 'everySecond', 'config.json'),
      JSON.stringify({ triggers: [{ name: 'tick', type: 'timer', config: '* * * * * * *' }] }),
    )
    const env = await startRunner({ functionsDir: dir })
    const timers = new TimerScheduler(env.runner)
    try {
      timers.start()
      const due = timers.list()[0].next
      expect(due).not.toBeNull()
      expect(due!.getTime() - Date.now()).toBeLessThanOrEqual(1000)
      await new Promise((resolve) => setTimeout(resolve, 2500))
      expect(timers.list()[0].lastRun).toMatchObject({ ok: true, message: '"tick"' })
      const fired = env.runner.stats().invocations
      expect(fired).toBeGreaterThanOrEqual(1)

      timers.stop()
      await new Promise((resolve) => setTimeout(resolve, 1500))
      expect(env.runner.stats().invocations).toBe(fired)
    } finally {
      timers.stop()
      await env.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
