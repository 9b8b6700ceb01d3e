import {
  cumulativePoints,
  defaultRule,
  DEFAULT_SCALE,
  ruleFor,
  scaleProblem,
  servicePoints,
  WEIHAI_SCALE,
  type CreditRule,
} from './rules'

const H = 60
const input = { priorMinutes: 0, category: null, dayPointsBefore: 0, ratingStars: null }

describe('cumulativePoints', () => {
  it('default: 10 points per hour, rounded down on the running total', () => {
    expect(cumulativePoints(DEFAULT_SCALE, 0)).toBe(0)
    expect(cumulativePoints(DEFAULT_SCALE, 90)).toBe(15)
    expect(cumulativePoints(DEFAULT_SCALE, 5)).toBe(0)
    expect(cumulativePoints(DEFAULT_SCALE, 6)).toBe(1)
  })

  it("Weihai's diminishing scale at and across each tier boundary", () => {
    expect(cumulativePoints(WEIHAI_SCALE, 20 * H)).toBe(20)
    expect(cumulativePoints(WEIHAI_SCALE, 80 * H)).toBe(20 + 30)
    expect(cumulativePoints(WEIHAI_SCALE, 200 * H)).toBe(20 + 30 + 40)
    expect(cumulativePoints(WEIHAI_SCALE, 240 * H)).toBe(20 + 30 + 40 + 10)
    expect(cumulativePoints(WEIHAI_SCALE, 21 * H)).toBe(20) // half a point, rounded down
    expect(cumulativePoints(WEIHAI_SCALE, 22 * H)).toBe(21)
  })
})

describe('servicePoints', () => {
  it('worked example (docs/credit.md): default rule, 2 h 30 min → 25 points', () => {
    const p = servicePoints(defaultRule('c1'), { ...input, minutes: 150 })
    expect(p).toMatchObject({ base: 25, points: 25 })
    expect(p.explanation).toBe('服务 2 小时 30 分钟，折合 25 分；共 25 分（规则第 0 版）')
  })

  it('any split of the same hours gives the same total (no rounding drift)', () => {
    const rule: CreditRule = { ...defaultRule('c1'), scale: WEIHAI_SCALE }
    const splits = [
      [7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7],
      [210],
    ]
    const totals = splits.map((parts) => {
      let prior = 0
      let sum = 0
      for (const h of parts) {
        sum += servicePoints(rule, { ...input, minutes: h * H, priorMinutes: prior }).points
        prior += h * H
      }
      return sum
    })
    expect(totals).toEqual([cumulativePoints(WEIHAI_SCALE, 210 * H), cumulativePoints(WEIHAI_SCALE, 210 * H)])
    expect(totals[0]).toBe(20 + 30 + 40 + 2)
  })

  it('Weihai: 3 hours at 79 h cumulative straddle two tiers', () => {
    const rule: CreditRule = { ...defaultRule('c1'), scale: WEIHAI_SCALE }
    // P(79) = 20 + 29.5 → 49; P(82) = 20 + 30 + 2/3 → 50
    expect(servicePoints(rule, { ...input, minutes: 3 * H, priorMinutes: 79 * H }).points).toBe(1)
  })

  it('category percent, then activity cap, then day cap, then the rating bonus', () => {
    const rule: CreditRule = {
      ...defaultRule('c1'),
      version: 3,
      categoryPercent: { 理论宣讲: 150 },
      capPerActivity: 40,
      capPerDay: 50,
      goodRatingBonus: 5,
      goodRatingStars: 4,
    }
    // 2 h → 20 × 150% = 30
    expect(servicePoints(rule, { ...input, minutes: 2 * H, category: '理论宣讲' }).points).toBe(30)
    // 4 h → 40 × 150% = 60 → activity cap 40
    const capped = servicePoints(rule, { ...input, minutes: 4 * H, category: '理论宣讲' })
    expect(capped).toMatchObject({ base: 40, afterPercent: 60, capped: 40, points: 40 })
    // already 30 today → room 20
    const day = servicePoints(rule, { ...input, minutes: 4 * H, category: '理论宣讲', dayPointsBefore: 30 })
    expect(day.points).toBe(20)
    expect(day.explanation).toContain('每日上限 50 分')
    // day exhausted: 0, yet the good rating still adds its bonus
    expect(servicePoints(rule, { ...input, minutes: H, dayPointsBefore: 50, ratingStars: 5 }).points).toBe(5)
    expect(servicePoints(rule, { ...input, minutes: H, ratingStars: 3 }).points).toBe(10)
    // a category not listed counts 100%
    expect(servicePoints(rule, { ...input, minutes: H, category: '其他' }).points).toBe(10)
  })
})

describe('ruleFor', () => {
  const v = (version: number, effectiveFrom: string, centerId = 'c1'): CreditRule => ({
    ...defaultRule(centerId),
    _id: `${centerId}_v${version}`,
    version,
    effectiveFrom,
  })
  it('picks the latest version in force on the service day; default before any', () => {
    const versions = [v(1, '2026-01-01'), v(2, '2026-06-01'), v(3, '2026-06-01'), v(9, '2026-01-01', 'c2')]
    expect(ruleFor('c1', versions, '2025-12-31').version).toBe(0)
    expect(ruleFor('c1', versions, '2026-05-31').version).toBe(1)
    expect(ruleFor('c1', versions, '2026-06-01').version).toBe(3)
    expect(ruleFor('c2', versions, '2026-06-01').version).toBe(9)
  })
})

describe('scaleProblem', () => {
  it('accepts the default and Weihai; refuses malformed scales in Chinese', () => {
    expect(scaleProblem(DEFAULT_SCALE)).toBeNull()
    expect(scaleProblem(WEIHAI_SCALE)).toBeNull()
    expect(scaleProblem([])).toBe('请至少设置一档积分标准')
    expect(scaleProblem([{ fromHours: 5, points: 1, hours: 1 }])).toBe('第一档应从 0 小时开始')
    expect(
      scaleProblem([
        { fromHours: 0, points: 1, hours: 1 },
        { fromHours: 0, points: 1, hours: 2 },
      ]),
    ).toBe('分档起点应逐档增大')
    expect(scaleProblem([{ fromHours: 0, points: -1, hours: 1 }])).toBe('每档积分应为 1 到 100 的整数')
  })
})
