import {
  charCount,
  emptyYearMonths,
  festivalsOf,
  isDateInMonth,
  isYear,
  overlayThemes,
  planThemeOf,
  practiceDateOf,
} from './plan'

describe('plan rules', () => {
  it('twelve empty months of a year, January first', () => {
    const months = emptyYearMonths('2027')
    expect(months.map((m) => m.month)).toEqual([
      '2027-01',
      '2027-02',
      '2027-03',
      '2027-04',
      '2027-05',
      '2027-06',
      '2027-07',
      '2027-08',
      '2027-09',
      '2027-10',
      '2027-11',
      '2027-12',
    ])
    expect(months.every((m) => m.theme === null && m.keyDates.length === 0)).toBe(true)
  })

  it('a date belongs to a month only when it is a real day of it', () => {
    expect(isDateInMonth('2026-12-05', '2026-12')).toBe(true)
    expect(isDateInMonth('2027-02-29', '2027-02')).toBe(false)
    expect(isDateInMonth('2028-02-29', '2028-02')).toBe(true)
    expect(isDateInMonth('2026-11-30', '2026-12')).toBe(false)
    expect(isDateInMonth('2026-12-00', '2026-12')).toBe(false)
    expect(isDateInMonth('2026-12-5', '2026-12')).toBe(false)
  })

  it('the practice day of a month is clamped to its last day', () => {
    expect(practiceDateOf('2027-02', 31)).toBe('2027-02-28')
    expect(practiceDateOf('2026-12', 15)).toBe('2026-12-15')
  })

  it('the plan’s theme wins; the settings’ theme fills only a month the plan leaves empty', () => {
    const plan = [
      {
        month: '2026-11',
        theme: '计划主题',
        keyDates: [],
        practiceDayUnitId: null,
        practiceDayUnitName: null,
      },
      { month: '2026-12', theme: null, keyDates: [], practiceDayUnitId: null, practiceDayUnitName: null },
    ]
    const settings = [
      { month: '2026-11', theme: '旧主题' },
      { month: '2026-12', theme: '只在设置里' },
      { month: '2027-01', theme: '' },
    ]
    expect(overlayThemes(settings, plan)).toEqual([
      { month: '2026-11', theme: '计划主题' },
      { month: '2026-12', theme: '只在设置里' },
    ])
    expect(planThemeOf(plan, '2026-11')).toBe('计划主题')
    expect(planThemeOf(plan, '2026-12')).toBeNull()
    expect(planThemeOf(undefined, '2026-12')).toBeNull()
  })

  it('festivals of a month; years and lengths as people count them', () => {
    expect(festivalsOf('2026-12')).toEqual([{ date: '2026-12-05', title: '国际志愿者日' }])
    expect(festivalsOf('2026-03').map((f) => f.title)).toEqual(['学雷锋纪念日', '妇女节', '植树节'])
    expect(festivalsOf('2026-04')).toEqual([])
    expect(isYear('2026')).toBe(true)
    expect(isYear('26')).toBe(false)
    expect(charCount('𠀀𠀀')).toBe(2)
  })
})
