import { calendarProblem, isWorkingDay, OFFICIAL_CALENDAR } from './calendar'
import { noticeEnd, starLevel, starsCrossed, DEFAULT_STAR_HOURS } from './stars'

describe('stars', () => {
  it('finds the thresholds a record crosses, each once', () => {
    expect(starsCrossed(DEFAULT_STAR_HOURS, 99 * 60, 100 * 60)).toEqual([1])
    expect(starsCrossed(DEFAULT_STAR_HOURS, 100 * 60, 101 * 60)).toEqual([])
    expect(starsCrossed(DEFAULT_STAR_HOURS, 250 * 60, 700 * 60)).toEqual([2, 3])
    expect(starLevel(DEFAULT_STAR_HOURS, 650 * 60)).toBe(3)
    expect(starLevel(DEFAULT_STAR_HOURS, 0)).toBe(0)
  })

  it('a notice of 5 working days skips the weekend (Shanghai dates)', () => {
    // approved Thursday 2026-11-26 10:00 → Fri, Mon, Tue, Wed, Thu → ends at Fri 2026-12-04 00:00
    expect(noticeEnd(new Date('2026-11-26T10:00:00+08:00'), 5).toISOString()).toBe(
      new Date('2026-12-04T00:00:00+08:00').toISOString(),
    )
    // approved Saturday → Mon … Fri → ends at the next Saturday 00:00
    expect(noticeEnd(new Date('2026-11-28T23:30:00+08:00'), 5).toISOString()).toBe(
      new Date('2026-12-05T00:00:00+08:00').toISOString(),
    )
  })
})

describe('公示 working days with holidays and 调休', () => {
  it('skips the National Day holiday and counts the 调休 Saturday (2026 official schedule)', () => {
    // approved Tue 2026-09-29: Wed 9-30 (1); 10-1…10-7 holiday; Thu 10-8 (2), Fri 10-9 (3), Sat 10-10 worked (4),
    // Mon 10-12 (5) → ends at Tue 10-13 00:00
    expect(noticeEnd(new Date('2026-09-29T15:00:00+08:00'), 5, OFFICIAL_CALENDAR).toISOString()).toBe(
      new Date('2026-10-13T00:00:00+08:00').toISOString(),
    )
    // without the calendar: weekends only (10-1 … 10-7 would count)
    expect(noticeEnd(new Date('2026-09-29T15:00:00+08:00'), 5).toISOString()).toBe(
      new Date('2026-10-07T00:00:00+08:00').toISOString(),
    )
    // Spring Festival 2026: approved Fri 2-13; Sat 2-14 worked (1); 2-15…2-23 off; 2-24 … 2-27 (2–5)
    expect(noticeEnd(new Date('2026-02-13T09:00:00+08:00'), 5, OFFICIAL_CALENDAR).toISOString()).toBe(
      new Date('2026-02-28T00:00:00+08:00').toISOString(),
    )
  })

  it("a center's own calendar: an added day off, a 调休 Saturday", () => {
    const cal = { holidays: ['2026-12-01', '2026-12-02'], workdays: ['2026-11-28'] }
    // approved Thu 11-26: Fri 11-27 (1), Sat 11-28 worked (2), Mon 11-30 (3), 12-1 and 12-2 off, Thu 12-3 (4),
    // Fri 12-4 (5) → ends at Sat 12-5 00:00
    expect(noticeEnd(new Date('2026-11-26T10:00:00+08:00'), 5, cal).toISOString()).toBe(
      new Date('2026-12-05T00:00:00+08:00').toISOString(),
    )
    expect(isWorkingDay('2026-11-28', cal)).toBe(true)
    expect(isWorkingDay('2026-12-01', cal)).toBe(false)
  })

  it('refuses a malformed calendar with a message', () => {
    expect(calendarProblem({ holidays: ['2026-02-30'], workdays: [] })).toContain('2026-02-30')
    expect(calendarProblem({ holidays: ['2026-10-10'], workdays: ['2026-10-10'] })).toContain(
      '不能既放假又上班',
    )
    expect(calendarProblem({ holidays: [], workdays: ['2026-10-09'] })).toContain('不是周末')
    expect(calendarProblem(OFFICIAL_CALENDAR)).toBeNull()
  })
})
