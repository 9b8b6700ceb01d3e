import type { StatFigures, StatsReport } from '@core/contract'
import { extraLines, figureLines, shiftDate } from './figures-view'

const OLD = { activities: 3, attendances: 40, serviceMinutes: 150, serviceSessions: 2 } as StatFigures

describe('figureLines', () => {
  it('shows an older report’s four figures only, never a missing one as 0', () => {
    expect(figureLines(OLD).map((l) => `${l.label} ${l.text}`)).toEqual([
      '活动场次 3 场',
      '参与人次 40 人次',
      '志愿服务 2 人次',
      '服务时长 2.5 小时',
    ])
  })

  it('shows the new figures as the server answers them', () => {
    const f = { ...OLD, people: 31, volunteers: 2, ordersPlaced: 5, pointsIssued: 20, pointsRedeemed: 8 }
    expect(figureLines(f as StatFigures).map((l) => l.label)).toEqual([
      '活动场次',
      '参与人次',
      '参与人数',
      '志愿服务',
      '参与志愿者',
      '服务时长',
      '群众点单',
      '发放积分',
      '兑换积分',
    ])
  })

  it('adds orders (placed only when the figures lack it) and the subscriber snapshot', () => {
    const orders = {
      placed: 4,
      byState: { submitted: 1, dispatched: 0, accepted: 0, done: 1, rated: 2, cancelled: 0, rejected: 0 },
      escalated: 0,
      avgDispatchMinutes: null,
      avgDoneMinutes: null,
      avgRating: 4.5,
    }
    const r = {
      figures: OLD,
      orders,
      subscribers: { total: 12, reachable: 9, at: 0 },
    } as unknown as StatsReport
    expect(extraLines(r).map((l) => `${l.label} ${l.text}`)).toEqual([
      '群众点单 4 单',
      '点单已完成 3 单',
      '群众满意度 4.5 星',
      '订阅提醒人数 12 人',
    ])
    const withPlaced = { ...r, figures: { ...OLD, ordersPlaced: 4 } } as unknown as StatsReport
    expect(extraLines(withPlaced).map((l) => l.label)).not.toContain('群众点单')
  })
})

describe('shiftDate', () => {
  it('moves by weeks, months and years across year ends', () => {
    expect(shiftDate('2026-01-02', 'week', -1)).toBe('2025-12-26')
    expect(shiftDate('2026-01-31', 'month', -1)).toBe('2025-12-01')
    expect(shiftDate('2026-12-15', 'month', 1)).toBe('2027-01-01')
    expect(shiftDate('2026-11-26', 'year', -1)).toBe('2025-01-01')
  })
})
