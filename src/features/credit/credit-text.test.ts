import { groupedCode, newRequestId, signedPoints } from './credit-text'

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
