import { rankBoard, type BoardInput } from './board'

const e = (openid: string, points: number, name: string | null = '张三明', hidden = false): BoardInput => ({
  openid,
  points,
  name,
  hidden,
})

describe('rankBoard', () => {
  it('masks names, leaves out the hidden and those without points, and writes ties', () => {
    const rows = rankBoard(
      [
        e('o4', 30, '李四'),
        e('o1', 50, '王小明'),
        e('o3', 30, '欧阳娜娜'),
        e('o2', 80, '赵六', true),
        e('o5', 0),
      ],
      10,
    )
    expect(rows).toEqual([
      { rank: 1, name: '王*明', points: 50, rankText: '第 1 名' },
      { rank: 2, name: '欧**娜', points: 30, rankText: '并列第 2 名' },
      { rank: 2, name: '李*', points: 30, rankText: '并列第 2 名' },
    ])
  })

  it('gives the same board whatever order the rows arrive in', () => {
    const input = Array.from({ length: 30 }, (_, i) => e(`o${i}`, (i % 4) * 10 + 10, `张${i}明`))
    const a = rankBoard(input, 20)
    const b = rankBoard([...input].reverse(), 20)
    expect(b).toEqual(a)
    expect(a[0]).toMatchObject({ points: 40, rank: 1 })
    expect(a).toHaveLength(20)
    // after 7 people tied at 40 (ids o3, o7, …, o27) the next rank is 8
    expect(a[7]).toMatchObject({ points: 30, rank: 8 })
  })
})
