import { parseDays, parsePercents } from './admin-text'
import { groupedCode, newRequestId, signedPoints } from './credit-text'
import { starText } from './star-text'

describe('credit text', () => {
  it('writes the sign of points', () => {
    expect(signedPoints(25)).toBe('+25 分')
    expect(signedPoints(-30)).toBe('−30 分')
  })
  it('groups the pickup code by four', () => {
    expect(groupedCode('ABCDEFGHIJKLMNOP')).toBe('ABCD EFGH IJKL MNOP')
  })
  it('makes request ids the contract accepts', () => {
    const id = newRequestId(1_795_000_000_000, () => 0.5)
    expect(id).toMatch(/^[A-Za-z0-9_-]{8,40}$/)
    expect(newRequestId(1, () => 0)).toMatch(/^[A-Za-z0-9_-]{8,40}$/)
  })
})

describe('manager inputs', () => {
  it('stars are drawn and written', () => {
    expect(starText(0)).toBe('')
    expect(starText(2)).toBe('★★☆☆☆ 二星志愿者')
  })
  it('days typed with any separator, bad ones named', () => {
    expect(parseDays('2026-10-01 2026-10-02，2026-10-01\n2026-1-3')).toEqual({
      days: ['2026-10-01', '2026-10-02'],
      bad: ['2026-1-3'],
    })
  })
  it('category percents one per line', () => {
    expect(parsePercents('理论宣讲 150\n科普：50%\n乱写')).toEqual({
      percents: { 理论宣讲: 150, 科普: 50 },
      bad: ['乱写'],
    })
  })
})
