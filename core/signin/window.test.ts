import { currentActivity, openWindowBounds, signInState, signInWindow } from './window'

const at = (hhmm: string) => new Date(`2025-11-25T${hhmm}:00+08:00`)
const activity = (start: string, end: string, status = 'published') => ({
  id: `${start}-${end}`,
  start: at(start),
  end: at(end),
  status,
})

describe('signInWindow', () => {
  it('opens 30 minutes before the start and closes at the end', () => {
    expect(signInWindow(activity('09:30', '11:00'))).toEqual({ opensAt: at('09:00'), closesAt: at('11:00') })
  })

  it.each([
    ['08:59', 'upcoming'],
    ['09:00', 'open'],
    ['09:30', 'open'],
    ['11:00', 'open'],
    ['11:01', 'closed'],
  ])('at %s the state is %s', (now, state) => {
    expect(signInState(activity('09:30', '11:00'), at(now))).toBe(state)
  })

  it('is never open for a cancelled activity', () => {
    expect(signInState(activity('09:30', '11:00', 'cancelled'), at('10:00'))).toBe('cancelled')
  })

  it('accepts ISO strings as they arrive from a call', () => {
    expect(
      signInState({ start: at('09:30').toISOString(), end: at('11:00').toISOString() }, at('09:10')),
    ).toBe('open')
  })

  it('gives the bounds a single conditional update tests', () => {
    const { startAtMost, endAtLeast } = openWindowBounds(at('09:00'))
    expect(startAtMost).toEqual(at('09:30'))
    expect(endAtLeast).toEqual(at('09:00'))
  })
})

describe('currentActivity', () => {
  const morning = activity('09:00', '11:00')
  const late = activity('10:45', '12:00')
  const afternoon = activity('14:30', '16:00')

  it('lands on the activity under way', () => {
    expect(currentActivity([afternoon, morning], at('10:00'))?.id).toBe(morning.id)
  })

  it('prefers the one that started last when two overlap', () => {
    expect(currentActivity([morning, late], at('10:50'))?.id).toBe(late.id)
  })

  it('lands on one about to start when none is under way', () => {
    expect(currentActivity([morning, afternoon], at('14:10'))?.id).toBe(afternoon.id)
  })

  it('lands nowhere between activities, or on a cancelled one', () => {
    expect(currentActivity([morning, afternoon], at('12:30'))).toBeUndefined()
    expect(currentActivity([activity('09:00', '11:00', 'cancelled')], at('10:00'))).toBeUndefined()
  })
})
