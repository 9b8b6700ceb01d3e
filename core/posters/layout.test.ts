import type { ActivityListItem } from '../contract'
import { POSTER_MAX_LINES, posterLines, posterSvg, xmlText } from './layout'

const item = (over: Partial<ActivityListItem> & Pick<ActivityListItem, '_id'>): ActivityListItem => ({
  title: '活动',
  category: '科普',
  unitId: 'u-s',
  unitName: '站',
  place: '活动室',
  start: Date.parse('2030-03-05T09:00:00+08:00'),
  end: Date.parse('2030-03-05T11:00:00+08:00'),
  status: 'published',
  registrationRequired: false,
  capacity: null,
  registeredCount: 0,
  practiceDay: false,
  ...over,
})

describe('posterLines', () => {
  it('keeps published activities by start, leaves cancelled ones out, writes dates and notes out', () => {
    const { lines, more } = posterLines([
      item({
        _id: 'late',
        title: '晚场',
        start: Date.parse('2030-03-07T19:00:00+08:00'),
        end: Date.parse('2030-03-07T20:30:00+08:00'),
        practiceDay: true,
      }),
      item({ _id: 'gone', title: '已取消', status: 'cancelled' }),
      item({ _id: 'early', title: '早场', registrationRequired: true, capacity: 30 }),
    ])
    expect(lines).toEqual([
      {
        activityId: 'early',
        title: '早场',
        when: '3月5日 星期二 上午9:00–11:00',
        place: '活动室',
        note: '需报名 · 限 30 人',
      },
      {
        activityId: 'late',
        title: '晚场',
        when: '3月7日 星期四 晚上7:00–8:30',
        place: '活动室',
        note: '文明实践日',
      },
    ])
    expect(more).toBe(0)
  })

  it('draws at most POSTER_MAX_LINES and counts the rest', () => {
    const many = Array.from({ length: POSTER_MAX_LINES + 4 }, (_, i) =>
      item({ _id: `a${i}`, start: 1000 + i }),
    )
    const { lines, more } = posterLines(many)
    expect(lines).toHaveLength(POSTER_MAX_LINES)
    expect(more).toBe(4)
  })
})

describe('posterSvg', () => {
  it('escapes what managers typed and grows with the lines', () => {
    const base = { unitName: '站<&>', phone: '', weekLabel: '3月4日–3月10日', more: 0, codePngBase64: 'AAAA' }
    const one = posterSvg({ ...base, lines: posterLines([item({ _id: 'a', title: 'A&B <讲座>' })]).lines })
    expect(one.svg).toContain('A&amp;B &lt;讲座&gt;')
    expect(one.svg).toContain('站&lt;&amp;&gt;')
    expect(one.svg).not.toContain('<讲座>')
    const two = posterSvg({ ...base, lines: posterLines([item({ _id: 'a' }), item({ _id: 'b' })]).lines })
    expect(two.height).toBeGreaterThan(one.height)
    expect(one.firstTitleBox!.y).toBeGreaterThan(0)
    expect(posterSvg({ ...base, lines: [] }).firstTitleBox).toBeNull()
  })

  it('drops characters XML cannot carry', () => {
    expect(xmlText('a\u0000b\u0008c"')).toBe('abc&quot;')
  })
})
