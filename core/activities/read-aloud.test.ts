import { readAloudText, spokenClock, spokenPhone, spokenSpan, type ReadAloudInput } from './read-aloud'

const start = new Date('2026-11-25T01:30:00Z') // Wed 09:30 Shanghai
const end = new Date('2026-11-25T06:00:00Z') // 14:00

const activity: ReadAloudInput = {
  title: '健康义诊进社区',
  category: '健康义诊',
  place: '社区卫生室',
  unitName: '幸福里社区新时代文明实践站',
  description: '免费量血压、测血糖',
  contactPhone: '0536-7211001',
  status: 'published',
  start,
  end,
  registrationRequired: true,
  capacity: 40,
  registeredCount: 35,
}

describe('read-aloud text', () => {
  it('speaks times as a listener expects', () => {
    expect(spokenClock(start)).toBe('上午9点30分')
    expect(spokenClock(end)).toBe('下午2点')
    expect(spokenClock(new Date('2026-11-25T04:00:00Z'))).toBe('中午12点')
    expect(spokenClock(new Date('2026-11-25T11:05:00Z'))).toBe('晚上7点5分')
    expect(spokenSpan(start, end, new Date('2026-11-24T16:30:00Z'))).toBe(
      '今天，11月25日 星期三上午9点30分到下午2点',
    )
    expect(spokenSpan(start, new Date('2026-11-26T01:00:00Z'), new Date('2026-11-20T00:00:00Z'))).toBe(
      '11月25日 星期三上午9点30分到11月26日 星期四上午9点',
    )
  })

  it('reads a phone number digit by digit', () => {
    expect(spokenPhone('0536-7211001')).toBe('0 5 3 6，7 2 1 1 0 0 1')
    expect(spokenPhone('13800000000')).toBe('1 3 8 0 0 0 0 0 0 0 0')
  })

  it('says what, when, where, the status, places, what happens and whom to call', () => {
    const text = readAloudText(activity, new Date('2026-11-24T02:00:00Z'))
    expect(text).toBe(
      '健康义诊进社区。类别：健康义诊。时间：明天，11月25日 星期三上午9点30分到下午2点。' +
        '地点：社区卫生室，幸福里社区新时代文明实践站。状态：报名中。需要报名，还剩5个名额。' +
        '活动介绍：免费量血压、测血糖。咨询电话：0 5 3 6，7 2 1 1 0 0 1。',
    )
  })

  it('says a cancelled activity is cancelled and does not offer places', () => {
    const text = readAloudText({ ...activity, status: 'cancelled' }, new Date('2026-11-24T02:00:00Z'))
    expect(text).toContain('状态：已取消。')
    expect(text).not.toContain('名额')
  })
})
