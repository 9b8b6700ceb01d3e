import {
  dayRange,
  formatClock,
  formatDayLong,
  formatSpan,
  monthRange,
  parseShanghaiDate,
  relativeDay,
  weekKey,
  weekRange,
} from './time'

const ZONES = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati']
const originalTz = process.env.TZ

afterAll(() => {
  process.env.TZ = originalTz
})

describe.each(ZONES)('with the process in %s', (tz) => {
  beforeAll(() => {
    process.env.TZ = tz
  })

  it('puts Sunday 23:30 Shanghai (15:30 UTC) in the week that began the Monday before', () => {
    const sundayNight = new Date('2026-11-22T15:30:00Z') // Sun 22 Nov 23:30 +08
    const week = weekRange(sundayNight)
    expect(week.start.toISOString()).toBe('2026-11-15T16:00:00.000Z') // Mon 16 Nov 00:00 +08
    expect(week.end.toISOString()).toBe('2026-11-22T16:00:00.000Z')
  })

  it('starts a new week at Monday 00:00 Shanghai, which is Sunday 16:00 UTC', () => {
    const mondayMidnight = new Date('2026-11-22T16:00:00Z')
    expect(weekRange(mondayMidnight).start.toISOString()).toBe('2026-11-22T16:00:00.000Z')
    expect(weekKey(mondayMidnight)).toBe('2026-11-23')
    expect(weekKey(mondayMidnight, -1)).toBe('2026-11-16')
    expect(weekKey(mondayMidnight, 1)).toBe('2026-11-30')
  })

  it('computes today and this month in Shanghai', () => {
    const earlyMorning = new Date('2026-11-30T17:00:00Z') // 1 Dec 01:00 +08
    expect(dayRange(earlyMorning).start.toISOString()).toBe('2026-11-30T16:00:00.000Z')
    const month = monthRange(earlyMorning)
    expect(month.start.toISOString()).toBe('2026-11-30T16:00:00.000Z')
    expect(month.end.toISOString()).toBe('2026-12-31T16:00:00.000Z')
  })

  it('writes dates and times out the way elderly readers say them', () => {
    const start = new Date('2026-11-25T01:30:00Z') // Wed 25 Nov 09:30 +08
    const end = new Date('2026-11-25T03:00:00Z')
    expect(formatDayLong(start)).toBe('11月25日 星期三')
    expect(formatClock(start)).toBe('上午9:30')
    expect(formatClock(new Date('2026-11-25T06:00:00Z'))).toBe('下午2:00')
    // noon is 中午, never 下午12:00
    expect(formatClock(new Date('2026-11-25T04:00:00Z'))).toBe('中午12:00')
    expect(formatClock(new Date('2026-11-25T04:30:00Z'))).toBe('中午12:30')
    expect(formatClock(new Date('2026-11-25T05:00:00Z'))).toBe('下午1:00')
    expect(formatSpan(new Date('2026-11-25T03:30:00Z'), new Date('2026-11-25T04:00:00Z'))).toBe(
      '11月25日 星期三 上午11:30–中午12:00',
    )
    expect(formatSpan(new Date('2026-11-25T04:00:00Z'), new Date('2026-11-25T04:45:00Z'))).toBe(
      '11月25日 星期三 中午12:00–12:45',
    )
    expect(formatSpan(start, end)).toBe('11月25日 星期三 上午9:30–11:00')
    expect(formatSpan(start, new Date('2026-11-25T06:00:00Z'))).toBe('11月25日 星期三 上午9:30–下午2:00')
    expect(relativeDay(start, new Date('2026-11-24T16:30:00Z'))).toBe('今天')
    expect(relativeDay(start, new Date('2026-11-24T15:30:00Z'))).toBe('明天')
  })

  it('parses a Shanghai calendar date to its midnight', () => {
    expect(parseShanghaiDate('2026-02-01').toISOString()).toBe('2026-01-31T16:00:00.000Z')
    expect(() => parseShanghaiDate('2026-2-1')).toThrow(RangeError)
  })
})
