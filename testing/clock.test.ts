import { clearOfMidnight } from './clock'

afterEach(() => {
  jest.useRealTimers()
})

async function settledAfter(ms: number, p: Promise<void>): Promise<boolean> {
  let done = false
  void p.then(() => (done = true))
  await jest.advanceTimersByTimeAsync(ms)
  return done
}

describe('clearOfMidnight', () => {
  it('returns at once when the next Shanghai midnight is further away', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-22T23:59:00+08:00') })
    expect(await settledAfter(0, clearOfMidnight(30_000))).toBe(true)
  })

  it('waits until just past a Shanghai midnight that is close', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-22T23:59:50+08:00') })
    const wait = clearOfMidnight(30_000)
    expect(await settledAfter(10_000, wait)).toBe(false)
    expect(await settledAfter(1_000, wait)).toBe(true)
    expect(new Date(Date.now()).toISOString()).toBe('2026-11-22T16:00:01.000Z')
  })
})
