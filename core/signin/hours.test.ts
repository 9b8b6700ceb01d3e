import { creditedMinutes, formatMinutes, hoursText, overlapMinutes, roundToQuarterHour } from './hours'

const at = (hhmm: string) => new Date(`2025-11-25T${hhmm}:00+08:00`)
const act = { start: at('09:00'), end: at('11:00') }

describe('overlapMinutes', () => {
  it('clips the session to the activity', () => {
    expect(overlapMinutes(at('08:40'), at('11:30'), act.start, act.end)).toBe(120)
    expect(overlapMinutes(at('09:20'), at('10:05'), act.start, act.end)).toBe(45)
    expect(overlapMinutes(at('08:00'), at('08:50'), act.start, act.end)).toBe(0)
    expect(overlapMinutes(at('11:10'), at('12:00'), act.start, act.end)).toBe(0)
  })

  it('drops seconds', () => {
    const out = new Date(at('09:10').getTime() + 59_000)
    expect(overlapMinutes(at('09:00'), out, act.start, act.end)).toBe(10)
  })

  it('answers 0 for a sign-out before the sign-in', () => {
    expect(overlapMinutes(at('10:00'), at('09:30'), act.start, act.end)).toBe(0)
  })
})

describe('roundToQuarterHour', () => {
  it.each([
    [0, 0],
    [7, 0],
    [8, 15],
    [15, 15],
    [22, 15],
    [23, 30],
    [119, 120],
    [112, 105],
    [113, 120],
    [-5, 0],
  ])('%i minutes credit %i', (minutes, credited) => {
    expect(roundToQuarterHour(minutes)).toBe(credited)
  })
})

describe('creditedMinutes', () => {
  it('is the rounded overlap', () => {
    expect(creditedMinutes(at('08:59'), at('10:59'), act)).toBe(120)
    expect(creditedMinutes(at('09:30'), at('09:37'), act)).toBe(0)
    expect(creditedMinutes(at('08:00'), at('13:00'), act)).toBe(120)
  })
})

describe('formatting', () => {
  it('writes durations the way people say them', () => {
    expect(formatMinutes(0)).toBe('0分钟')
    expect(formatMinutes(45)).toBe('45分钟')
    expect(formatMinutes(120)).toBe('2小时')
    expect(formatMinutes(150)).toBe('2小时30分')
    expect(hoursText(150)).toBe('2.5')
    expect(hoursText(45)).toBe('0.75')
  })
})
