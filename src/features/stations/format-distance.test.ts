import { formatDistance, formatRadius } from './format-distance'

test.each([
  [0, '不到 100 米'],
  [99, '不到 100 米'],
  [216, '约 220 米'],
  [345, '约 350 米'],
  [994, '约 990 米'],
  [996, '约 1 公里'],
  [1152, '约 1.2 公里'],
  [9_960, '约 10 公里'],
  [12_400, '约 12 公里'],
])('%d m → %s', (meters, words) => {
  expect(formatDistance(meters)).toBe(words)
})

test('a distance that cannot be a distance says nothing', () => {
  expect(formatDistance(Number.NaN)).toBe('')
  expect(formatDistance(-5)).toBe('')
})

test('a radius is written plainly', () => {
  expect(formatRadius(1000)).toBe('1 公里')
  expect(formatRadius(2500)).toBe('2.5 公里')
  expect(formatRadius(500)).toBe('500 米')
})
