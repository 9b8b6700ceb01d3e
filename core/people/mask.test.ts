import { isValidIdNumber, withCheckDigit } from './id-number'
import { maskIdNumber, maskName, maskPhone } from './mask'
import { volunteerNumber } from './volunteer-number'

describe('masks', () => {
  it('keeps the first and last character of a name', () => {
    expect(maskName('张三明')).toBe('张*明')
    expect(maskName('张三')).toBe('张*')
    expect(maskName('欧阳娜娜')).toBe('欧**娜')
    expect(maskName('李')).toBe('李')
  })

  it('keeps the first 3 and last 4 digits of a phone', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskPhone('12345')).toBe('*****')
  })

  it('keeps the first and last 4 characters of an ID number', () => {
    expect(maskIdNumber('37070219900101123X')).toBe('3707**********123X')
  })
})

describe('ID numbers', () => {
  it('accepts a number whose check character matches and refuses a one-digit typo', () => {
    const id = withCheckDigit('37070219900101123')
    expect(isValidIdNumber(id)).toBe(true)
    expect(isValidIdNumber(id.toLowerCase())).toBe(true)
    const typo = `${id.slice(0, 5)}${(Number(id[5]) + 1) % 10}${id.slice(6)}`
    expect(isValidIdNumber(typo)).toBe(false)
    expect(isValidIdNumber('1234')).toBe(false)
  })
})

describe('volunteer numbers', () => {
  it('pads the per-center sequence', () => {
    expect(volunteerNumber('QH000', 61)).toBe('QH000-000061')
  })
})
