import type { ActivityListItem } from '@core/contract'
import { itemLines, radiusText, savedAgo, statusText, timeOfDay, whenText } from './format'

const start = Date.parse('2026-11-25T01:30:00Z') // Wed 09:30 Shanghai
const item: ActivityListItem = {
  _id: 'a1',
  title: '健康义诊',
  category: '健康义诊',
  unitId: 'u1',
  unitName: '幸福里社区新时代文明实践站',
  place: '社区卫生室',
  start,
  end: start + 90 * 60_000,
  status: 'published',
  registrationRequired: true,
  capacity: 30,
  registeredCount: 25,
  practiceDay: false,
}
const dayBefore = Date.parse('2026-11-24T02:00:00Z')

describe.each(['UTC', 'America/Los_Angeles'])('activity text with the phone in %s', (tz) => {
  const saved = process.env.TZ
  beforeAll(() => {
    process.env.TZ = tz
  })
  afterAll(() => {
    process.env.TZ = saved
  })

  it('writes the time in Shanghai, with the date when asked', () => {
    expect(timeOfDay(item)).toBe('上午9:30–11:00')
    expect(timeOfDay({ start, end: start + 6 * 3_600_000 })).toBe('上午9:30–下午3:30')
    expect(timeOfDay({ start, end: start + 24 * 3_600_000 })).toBe('上午9:30–11月26日 星期四 上午9:30')
    expect(whenText(item, dayBefore)).toBe('明天 11月25日 星期三 上午9:30–11:00')
  })

  it('writes the status in words, with places while registering', () => {
    expect(statusText(item, dayBefore)).toBe('状态：报名中，还剩 5 个名额（共 30 个）')
    expect(statusText({ ...item, registeredCount: 30 }, dayBefore)).toBe('状态：已满')
    expect(statusText(item, start + 1000)).toBe('状态：进行中')
    expect(statusText({ ...item, status: 'cancelled' }, dayBefore)).toBe('状态：已取消')
    expect(itemLines({ ...item, practiceDay: true }, dayBefore)).toEqual([
      '时间：上午9:30–11:00',
      '地点：社区卫生室（幸福里社区新时代文明实践站）',
      '状态：报名中，还剩 5 个名额（共 30 个）',
      '文明实践日活动',
    ])
  })
})

it('says how old a saved list is', () => {
  const now = Date.parse('2026-11-25T10:00:00Z')
  expect(savedAgo(now - 20_000, now)).toBe('刚刚')
  expect(savedAgo(now - 5 * 60_000, now)).toBe('5 分钟前')
  expect(savedAgo(now - 3 * 3_600_000, now)).toBe('3 小时前')
  expect(savedAgo(now - 3 * 86_400_000, now)).toBe('11月22日 星期日')
})

it('says the circle radius in words', () => {
  expect(radiusText(1000)).toBe('1 公里')
  expect(radiusText(1500)).toBe('1.5 公里')
  expect(radiusText(500)).toBe('500 米')
})
