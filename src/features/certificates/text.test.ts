import { defaultPeriod, grouped, hours, periodText } from './text'

test('hours, grouped numbers and the period read as printed on the certificate', () => {
  expect(hours(270)).toBe('4.5 小时')
  expect(hours(100)).toBe('1.67 小时')
  expect(grouped('ZM2026K7QD3M9XHT2A5')).toBe('ZM2026-K7QD-3M9X-HT2A-5')
  expect(periodText({ from: '2024-01-01', to: '2024-12-31' })).toBe('2024-01-01 至 2024-12-31')
})

test('the default period is this year in Shanghai, up to today (even at 23:30 UTC on 31 December)', () => {
  // 2025-12-31T23:30Z is 2026-01-01 07:30 in Shanghai
  expect(defaultPeriod(Date.parse('2025-12-31T23:30:00Z'))).toEqual({ from: '2026-01-01', to: '2026-01-01' })
  expect(defaultPeriod(Date.parse('2026-06-15T03:00:00Z'))).toEqual({ from: '2026-01-01', to: '2026-06-15' })
})
