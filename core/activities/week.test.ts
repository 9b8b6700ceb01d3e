import { groupWeek, openAtToday, shiftWeek, weekBounds, weekSpan, weekStartOf, weekTitle } from './week'

const ZONES = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago']
const originalTz = process.env.TZ

afterAll(() => {
  process.env.TZ = originalTz
})

describe.each(ZONES)('the week, with the process in %s', (tz) => {
  beforeAll(() => {
    process.env.TZ = tz
  })

  it('runs Monday 00:00 to the next Monday 00:00 in Shanghai from any day of the week', () => {
    for (const day of ['2026-11-23', '2026-11-25', '2026-11-29']) {
      expect(weekStartOf(day)).toBe('2026-11-23')
      const { start, end } = weekBounds(day)
      expect(start.toISOString()).toBe('2026-11-22T16:00:00.000Z')
      expect(end.toISOString()).toBe('2026-11-29T16:00:00.000Z')
    }
    expect(weekStartOf('2026-11-30')).toBe('2026-11-30')
  })

  it('goes to the previous and next week across month and year ends', () => {
    expect(shiftWeek('2026-11-23', 1)).toBe('2026-11-30')
    expect(shiftWeek('2026-11-30', 1)).toBe('2026-12-07')
    expect(shiftWeek('2026-12-28', 1)).toBe('2027-01-04')
    expect(shiftWeek('2027-01-04', -1)).toBe('2026-12-28')
    expect(weekSpan('2026-12-30')).toBe('12月28日–1月3日')
  })

  it('names this, next and last week relative to now in Shanghai', () => {
    const sundayNight = new Date('2026-11-29T15:30:00Z') // Sun 29 Nov 23:30 Shanghai
    expect(weekTitle('2026-11-23', sundayNight)).toBe('本周')
    expect(weekTitle('2026-11-30', sundayNight)).toBe('下周')
    expect(weekTitle('2026-11-16', sundayNight)).toBe('上周')
    expect(weekTitle('2026-12-07', sundayNight)).toBe('12月7日–12月13日')
    const mondayMorning = new Date('2026-11-29T16:30:00Z') // Mon 30 Nov 00:30 Shanghai
    expect(weekTitle('2026-11-30', mondayMorning)).toBe('本周')
  })

  it('groups items by their Shanghai day, Monday first, each day in time order, every day present', () => {
    const items = [
      { id: 'sun-late', start: new Date('2026-11-29T15:59:00Z') }, // Sun 23:59
      { id: 'wed-pm', start: new Date('2026-11-25T06:00:00Z') }, // Wed 14:00
      { id: 'mon-early', start: new Date('2026-11-22T16:00:00Z') }, // Mon 00:00
      { id: 'wed-am', start: new Date('2026-11-25T01:30:00Z').getTime() }, // Wed 09:30, as epoch ms
      { id: 'next-mon', start: new Date('2026-11-29T16:00:00Z') }, // outside the week
      { id: 'last-sun', start: new Date('2026-11-22T15:59:59Z') }, // outside the week
    ]
    const now = new Date('2026-11-25T02:00:00Z') // Wed 10:00
    const days = groupWeek('2026-11-25', items, now)
    expect(days.map((d) => d.date)).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
    ])
    expect(days.map((d) => d.items.map((i) => i.id))).toEqual([
      ['mon-early'],
      [],
      ['wed-am', 'wed-pm'],
      [],
      [],
      [],
      ['sun-late'],
    ])
    expect(days[0]!.label).toBe('11月23日 星期一')
    expect(days[6]!.label).toBe('11月29日 星期日')
    expect(days.map((d) => d.relative)).toEqual([
      undefined,
      '昨天',
      '今天',
      '明天',
      undefined,
      undefined,
      undefined,
    ])
    expect(days.map((d) => d.past)).toEqual([true, true, false, false, false, false, false])
  })
})

describe('openAtToday', () => {
  const wednesday = new Date('2026-11-25T02:00:00Z') // Wednesday 10:00 in Shanghai

  it('opens this week at today; Monday and Tuesday wait behind a button', () => {
    const days = groupWeek('2026-11-23', [], wednesday)
    const { earlier, shown } = openAtToday(days)
    expect(earlier.map((d) => d.date)).toEqual(['2026-11-23', '2026-11-24'])
    expect(shown[0]).toMatchObject({ date: '2026-11-25', relative: '今天' })
    expect(shown).toHaveLength(5)
  })

  it('shows every day of a past or coming week', () => {
    expect(openAtToday(groupWeek('2026-11-16', [], wednesday)).shown).toHaveLength(7)
    expect(openAtToday(groupWeek('2026-11-30', [], wednesday)).shown).toHaveLength(7)
  })
})
