import { slotsFrom, whenLabel } from './format'

// 2026-11-25 10:30 in Shanghai
const now = Date.UTC(2026, 10, 25, 2, 30)

it('offers the next four slots at least an hour ahead, in Shanghai time', () => {
  const slots = slotsFrom(now)
  expect(slots.map((s) => s.label)).toEqual([
    '今天 下午2:00',
    '明天 上午9:00',
    '明天 下午2:00',
    '11月27日 星期五 上午9:00',
  ])
  expect(new Date(slots[0]!.at).toISOString()).toBe('2026-11-25T06:00:00.000Z')
})

it('skips a slot less than an hour away', () => {
  const at1330 = Date.UTC(2026, 10, 25, 5, 30)
  expect(slotsFrom(at1330)[0]!.label).toBe('明天 上午9:00')
  expect(whenLabel(Date.UTC(2026, 10, 26, 1, 0), at1330)).toBe('明天 上午9:00')
})
