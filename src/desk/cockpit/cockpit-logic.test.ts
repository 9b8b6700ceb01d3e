import type { StatsOrderFigures, UnitNode, UnitTree } from '@core/contract'
import { orderFunnel } from './funnel'
import { plotUnits } from './plot'
import { loadSubtree, SUBTREE_MAX } from './subtree'

describe('plotUnits', () => {
  const units = [
    { _id: 'c', name: '中心', level: 'center' as const, latitude: 36.7, longitude: 119.1 },
    { _id: 'n', name: '北站', level: 'station' as const, latitude: 36.8, longitude: 119.1 },
    { _id: 'e', name: '东站', level: 'station' as const, latitude: 36.7, longitude: 119.3 },
    { _id: 'x', name: '无位置', level: 'point' as const, latitude: 0, longitude: 0 },
  ]

  it('keeps every dot in the box, north up and east right, and drops units without a position', () => {
    const out = plotUnits(units, 640, 480, 24)
    expect(out.map((u) => u._id)).toEqual(['c', 'n', 'e'])
    for (const u of out) {
      expect(u.x).toBeGreaterThanOrEqual(24)
      expect(u.x).toBeLessThanOrEqual(616)
      expect(u.y).toBeGreaterThanOrEqual(24)
      expect(u.y).toBeLessThanOrEqual(456)
    }
    const [c, n, e] = out
    expect(n!.y).toBeLessThan(c!.y)
    expect(n!.x).toBeCloseTo(c!.x)
    expect(e!.x).toBeGreaterThan(c!.x)
    expect(e!.y).toBeCloseTo(c!.y)
  })

  it('keeps the shape: a degree of longitude is shorter than a degree of latitude by cos(latitude)', () => {
    const [c, n, e] = plotUnits(units, 2000, 2000, 0)
    const northPx = c!.y - n!.y // 0.1° of latitude
    const eastPx = e!.x - c!.x // 0.2° of longitude
    expect(eastPx / northPx).toBeCloseTo(2 * Math.cos((36.75 * Math.PI) / 180), 2)
  })

  it('puts a single unit in the middle', () => {
    expect(plotUnits([units[0]!], 640, 480)).toEqual([expect.objectContaining({ x: 320, y: 240 })])
  })
})

describe('orderFunnel', () => {
  const orders: StatsOrderFigures = {
    placed: 20,
    byState: { submitted: 2, dispatched: 3, accepted: 1, done: 4, rated: 7, cancelled: 2, rejected: 1 },
    escalated: 0,
    avgDispatchMinutes: null,
    avgDoneMinutes: null,
    avgRating: null,
  }
  it('counts each stage as the orders now in it or beyond; cancelled and rejected only as placed', () => {
    expect(orderFunnel(orders).map((s) => [s.label, s.count, s.percent])).toEqual([
      ['群众点单', 20, 100],
      ['已派单', 15, 75],
      ['已接单', 12, 60],
      ['已完成', 11, 55],
      ['已评价', 7, 35],
    ])
  })
  it('is all zero without orders', () => {
    const none = {
      ...orders,
      placed: 0,
      byState: { ...orders.byState, done: 0, rated: 0, dispatched: 0, accepted: 0, submitted: 0 },
    }
    expect(orderFunnel(none).every((s) => s.count === 0 && s.percent === 0)).toBe(true)
  })
})

describe('loadSubtree', () => {
  const node = (
    id: string,
    level: UnitNode['level'],
    below: UnitNode['below'] = {},
    retired = false,
  ): UnitNode => ({
    _id: id,
    name: id,
    level,
    parentId: null,
    address: '',
    latitude: 36,
    longitude: 119,
    phone: '',
    hours: '',
    code: id,
    radiusMeters: 1000,
    retired,
    retiredAt: null,
    successorName: null,
    below,
  })
  const trees: Record<string, UnitTree> = {
    c: {
      unit: node('c', 'center'),
      children: [
        node('i1', 'institute', { station: 2, point: 1 }),
        node('i2', 'institute'),
        node('old', 'institute', {}, true),
      ],
      canEdit: true,
      canRetire: false,
    },
    i1: {
      unit: node('i1', 'institute'),
      children: [node('s1', 'station', { point: 1 }), node('s2', 'station')],
      canEdit: true,
      canRetire: true,
    },
    s1: { unit: node('s1', 'station'), children: [node('p1', 'point')], canEdit: true, canRetire: true },
  }

  it('walks level by level, calling only units with something below, leaving retired units out', async () => {
    const called: string[] = []
    const out = await loadSubtree('c', async (id) => {
      called.push(id)
      const t = trees[id]
      if (!t) throw new Error(`no tree for ${id}`)
      return t
    })
    expect(out.units.map((u) => u._id)).toEqual(['c', 'i1', 'i2', 's1', 's2', 'p1'])
    expect(called).toEqual(['c', 'i1', 's1'])
    expect(out).toMatchObject({ truncated: false, calls: 3 })
  })

  it('stops at SUBTREE_MAX units and says so', async () => {
    const many = Array.from({ length: SUBTREE_MAX + 5 }, (_, i) => node(`s${i}`, 'station'))
    const out = await loadSubtree('c', async () => ({ ...trees.c!, children: many }))
    expect(out.units).toHaveLength(SUBTREE_MAX)
    expect(out.truncated).toBe(true)
  })
})
