import {
  addMonths,
  comingPracticeDay,
  decideTick,
  DEFAULT_PRACTICE_SCHEDULE,
  fireTimeOf,
  monthKeyOf,
  nextNotice,
  planNotice,
  practiceDayOf,
  type PracticeSchedule,
} from './schedule'

const ZONES = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles']
const originalTz = process.env.TZ
afterAll(() => {
  process.env.TZ = originalTz
})

describe.each(ZONES)('with the process in %s', (tz) => {
  beforeAll(() => {
    process.env.TZ = tz
  })

  it('reads the month on a Shanghai calendar (16:00 UTC on the 30th is already December)', () => {
    expect(monthKeyOf(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11')
    expect(monthKeyOf(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12')
    expect(monthKeyOf(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01')
  })

  it('puts the 15th at Shanghai midnight, 16:00 UTC the day before', () => {
    const pd = practiceDayOf('2026-11', 15)
    expect(pd.date).toBe('2026-11-15')
    expect(pd.start.toISOString()).toBe('2026-11-14T16:00:00.000Z')
    expect(pd.end.toISOString()).toBe('2026-11-15T16:00:00.000Z')
  })

  it('clamps a practice day on the 31st to the last day of shorter months', () => {
    expect(practiceDayOf('2026-02', 31).date).toBe('2026-02-28')
    expect(practiceDayOf('2028-02', 31).date).toBe('2028-02-29')
    expect(practiceDayOf('2100-02', 29).date).toBe('2100-02-28')
    expect(practiceDayOf('2026-04', 31).date).toBe('2026-04-30')
    expect(practiceDayOf('2026-01', 31).date).toBe('2026-01-31')
    expect(practiceDayOf('2026-02', 30).date).toBe('2026-02-28')
  })

  it('sends a 31st-of-the-month notice for February on the 27th at 09:00 (the day before the 28th)', () => {
    const plan = planNotice('2026-02', { day: 31, sendDaysBefore: 1, sendAt: '09:00' })
    expect(plan.practiceDay.date).toBe('2026-02-28')
    expect(plan.fireAt.toISOString()).toBe('2026-02-27T01:00:00.000Z')
  })

  it('rejects a day outside 1–31 and a malformed clock', () => {
    expect(() => practiceDayOf('2026-02', 0)).toThrow(RangeError)
    expect(() => practiceDayOf('2026-02', 32)).toThrow(RangeError)
    expect(() => practiceDayOf('2026-13', 1)).toThrow(RangeError)
    expect(() => fireTimeOf(practiceDayOf('2026-02', 1), { sendDaysBefore: 1, sendAt: '9:00' })).toThrow(
      RangeError,
    )
  })

  it('fires the day before at 09:00 Shanghai, which is 01:00 UTC', () => {
    const fire = fireTimeOf(practiceDayOf('2026-11', 15), { sendDaysBefore: 1, sendAt: '09:00' })
    expect(fire.toISOString()).toBe('2026-11-14T01:00:00.000Z')
    const sameDay = fireTimeOf(practiceDayOf('2026-11', 15), { sendDaysBefore: 0, sendAt: '07:30' })
    expect(sameDay.toISOString()).toBe('2026-11-14T23:30:00.000Z')
  })

  it('crosses month and year boundaries when the practice day is the 1st', () => {
    const s: PracticeSchedule = { day: 1, sendDaysBefore: 1, sendAt: '09:00' }
    expect(planNotice('2026-03', s).fireAt.toISOString()).toBe('2026-02-28T01:00:00.000Z') // 28 Feb 09:00
    expect(planNotice('2028-03', s).fireAt.toISOString()).toBe('2028-02-29T01:00:00.000Z') // leap year
    expect(planNotice('2027-01', s).fireAt.toISOString()).toBe('2026-12-31T01:00:00.000Z') // New Year's Eve
    const week = planNotice('2027-01', { day: 1, sendDaysBefore: 7, sendAt: '20:00' })
    expect(week.fireAt.toISOString()).toBe('2026-12-25T12:00:00.000Z')
  })

  it('the coming practice day is today until Shanghai midnight, then next month', () => {
    expect(comingPracticeDay(new Date('2026-11-10T00:00:00Z'), 15).date).toBe('2026-11-15')
    expect(comingPracticeDay(new Date('2026-11-15T15:59:59Z'), 15).date).toBe('2026-11-15') // 23:59:59 +08
    expect(comingPracticeDay(new Date('2026-11-15T16:00:00Z'), 15).date).toBe('2026-12-15')
    expect(comingPracticeDay(new Date('2026-12-20T04:00:00Z'), 15).date).toBe('2027-01-15')
    // 29 Jan 2026, practice day on the 31st: this month's 31st is still to come
    expect(comingPracticeDay(new Date('2026-01-29T04:00:00Z'), 31).date).toBe('2026-01-31')
    // 1 Feb: February's "31st" is the 28th
    expect(comingPracticeDay(new Date('2026-02-01T04:00:00Z'), 31).date).toBe('2026-02-28')
  })
})

describe('nextNotice', () => {
  const s = DEFAULT_PRACTICE_SCHEDULE

  it("plans the coming practice day's notice", () => {
    const plan = nextNotice(new Date('2026-11-03T02:00:00Z'), s, null)
    expect(plan.month).toBe('2026-11')
    expect(plan.fireAt.toISOString()).toBe('2026-11-14T01:00:00.000Z')
  })

  it('skips to next month once this month was sent', () => {
    const plan = nextNotice(new Date('2026-11-14T03:00:00Z'), s, '2026-11')
    expect(plan.month).toBe('2026-12')
    expect(plan.fireAt.toISOString()).toBe('2026-12-14T01:00:00.000Z')
  })

  it('is due at once when saved after the fire time but before the day (a late notice beats none)', () => {
    const now = new Date('2026-11-14T05:00:00Z') // 14 Nov 13:00 +08
    const plan = nextNotice(now, s, null)
    expect(plan.month).toBe('2026-11')
    expect(decideTick(now, plan)).toEqual({ action: 'start', month: '2026-11' })
  })

  it('moving the day later after this month was sent does not plan a second November notice', () => {
    const plan = nextNotice(new Date('2026-11-16T03:00:00Z'), { ...s, day: 20 }, '2026-11')
    expect(plan.month).toBe('2026-12')
  })
})

describe('decideTick', () => {
  const plan = planNotice('2026-11', DEFAULT_PRACTICE_SCHEDULE)

  it('waits before the fire time', () => {
    expect(decideTick(new Date('2026-11-14T00:59:59Z'), plan)).toEqual({ action: 'wait' })
  })

  it('starts from the fire time until the practice day ends', () => {
    expect(decideTick(new Date('2026-11-14T01:00:00Z'), plan)).toEqual({ action: 'start', month: '2026-11' })
    expect(decideTick(new Date('2026-11-15T15:59:00Z'), plan)).toEqual({ action: 'start', month: '2026-11' })
  })

  it('skips a month whose practice day is over (the service was down)', () => {
    expect(decideTick(new Date('2026-11-15T16:00:00Z'), plan)).toEqual({ action: 'skip', month: '2026-11' })
  })
})

describe('addMonths', () => {
  it('crosses years both ways', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01')
    expect(addMonths('2026-01', -1)).toBe('2025-12')
    expect(addMonths('2026-05', 24)).toBe('2028-05')
  })
})
