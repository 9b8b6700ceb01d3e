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
