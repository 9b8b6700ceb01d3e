/**
 * The demo center's service menu (点单) and about 30 orders in every state, each built by the same state
 * machine the function runs (core/orders/machine.ts), with the unit-month figures they add up to.
 */
import type { OrderStatsDoc, ServiceMenuDoc } from '../../core/contract/orders.collections'
import type { ServiceCategory } from '../../core/orders/categories'
import { DEFAULT_DESCRIPTIONS, SERVICE_CATEGORIES } from '../../core/orders/categories'
import { emptyStats } from '../../core/orders/figures'
import { isRefusal, plan, type Command, type Who } from '../../core/orders/machine'
import type { OrderDoc, OrderState } from '../../core/orders/model'
import { monthKey } from '../../core/orders/notice'
import { DEMO_IDENTITIES, DEMO_IDS, demoUnits } from './county'

/** Which demo teams serve each category (teams in county.ts). */
const SERVED_BY: Record<ServiceCategory, string[]> = {
  义诊: ['t-qh-02'],
  理发: ['t-qh-06', 't-qh-03'],
  法律援助: ['t-qh-01'],
  家电维修: ['t-qh-04', 't-qh-03'],
  心理疏导: ['t-qh-02'],
  理论宣讲: ['t-qh-01'],
  代跑腿: ['t-qh-06', 't-qh-03'],
  助餐: ['t-qh-06'],
  助浴: ['t-qh-06'],
  陪伴聊天: ['t-qh-06', 't-qh-03'],
}
const TEAM_NAMES: Record<string, string> = {
  't-qh-01': '青禾县理论宣讲志愿服务队',
  't-qh-02': '青禾县医疗义诊志愿服务队',
  't-qh-03': '城关街道红马甲志愿服务队',
  't-qh-04': '东城街道巧手家电维修队',
  't-qh-06': '幸福里社区邻里守望队',
}

export function demoServiceMenu(now: Date): ServiceMenuDoc {
  return {
    _id: DEMO_IDS.center,
    items: SERVICE_CATEGORIES.map((category) => ({
      category,
      description: DEFAULT_DESCRIPTIONS[category],
      teamIds: SERVED_BY[category],
      active: true,
    })),
    escalateAfterMinutes: 120,
    updatedAt: now,
    updatedBy: DEMO_IDENTITIES.centerAdmin,
  }
}

const PATHS: Record<OrderState, Array<Command['event']>> = {
  submitted: [],
  dispatched: ['dispatch'],
  accepted: ['dispatch', 'accept'],
  done: ['dispatch', 'accept', 'complete'],
  rated: ['dispatch', 'accept', 'complete', 'rate'],
  cancelled: ['cancel'],
  rejected: ['reject'],
}

const HOURS = 3_600_000

/** ~30 orders: 4–5 in every state, at the demo stations, placed over the last days. */
export function demoOrders(now: Date): { orders: OrderDoc[]; stats: OrderStatsDoc[] } {
  const units = demoUnits()
  const stations = units.filter((u) => u.level === 'station').slice(0, 4)
  const orders: OrderDoc[] = []
  const stats = new Map<string, OrderStatsDoc>()
  const count = (o: OrderDoc, delta: Record<string, number>) => {
    for (const unitId of o.unitPath) {
      const id = `${unitId}:${o.month}`
      const s = stats.get(id) ?? emptyStats(unitId, o.month)
      for (const [k, v] of Object.entries(delta)) {
        if (k.startsWith('n.')) s.n[k.slice(2) as OrderState] += v
        else (s as unknown as Record<string, number>)[k] += v
      }
      stats.set(id, s)
    }
  }
  const residents = [
    DEMO_IDENTITIES.elder,
    DEMO_IDENTITIES.resident,
    'seed-resident-001',
    'seed-resident-002',
  ]
  const names = ['李桂兰', '张丽华', '王秀英', '陈建国']
  let i = 0
  for (const state of Object.keys(PATHS) as OrderState[]) {
    const n = state === 'submitted' || state === 'rated' ? 5 : 4
    for (let k = 0; k < n; k++, i++) {
      const station = stations[i % stations.length]!
      const category = SERVICE_CATEGORIES[i % SERVICE_CATEGORIES.length]!
      // the demo identities' orders are at their home station, so the demo shows each state
      const own = k === 0
      const unit = own ? units.find((u) => u._id === DEMO_IDS.firstStation)! : station
      const resident = own ? residents[i % 2]! : residents[2 + (i % 2)]!
      const submittedAt = new Date(now.getTime() - (PATHS[state].length + 1) * 5 * HOURS - k * HOURS)
      const path = [...unit.ancestors, unit._id]
      let o: OrderDoc = {
        _id: `o-demo-${String(i + 1).padStart(3, '0')}`,
        state: 'submitted',
        version: 1,
        centerId: DEMO_IDS.center,
        category,
        unitId: unit._id,
        unitName: unit.name,
        unitPath: path,
        queueUnitId: unit._id,
        queueUnitName: unit.name,
        queuePath: path,
        escalateAt: new Date(now.getTime() + 2 * HOURS),
        residentId: resident,
        residentName: own ? names[i % 2]! : names[2 + (i % 2)]!,
        placedBy: resident,
        placedByRole: 'self',
        wantedAt: new Date(now.getTime() + (k + 1) * 24 * HOURS),
        where: k % 2 ? 'station' : 'home',
        address:
          k % 2 ? '' : `${unit.name.replace(/新时代文明实践站$/, '')} ${3 + k} 号楼 ${k + 1} 单元 ${501 + k}`,
        phone: `1380536${String(1000 + i).padStart(4, '0')}`,
        note: k === 1 ? '老人腿脚不便，请提前打电话' : '',
        noteCheck: k === 1 ? 'pass' : 'none',
        teamId: null,
        teamName: null,
        holder: null,
        holderName: null,
        reason: null,
        doneNote: null,
        donePhotoFileId: null,
        minutes: null,
        rating: null,
        month: monthKey(submittedAt),
        submittedAt,
        dispatchedAt: null,
        acceptedAt: null,
        doneAt: null,
        closedAt: null,
        updatedAt: submittedAt,
        history: [
          {
            event: 'place',
            from: null,
            to: 'submitted',
            at: submittedAt,
            by: resident,
            byName: '居民',
            as: 'owner',
          },
        ],
      }
      count(o, { placed: 1, 'n.submitted': 1 })
      const team = SERVED_BY[category][0]!
      PATHS[state].forEach((event, step) => {
        const at = new Date(submittedAt.getTime() + (step + 1) * 3 * HOURS)
        const volunteer: Who = { openid: DEMO_IDENTITIES.volunteer, name: '赵志强', as: 'teamMember' }
        const manager: Who = { openid: DEMO_IDENTITIES.stationManager, name: '刘建国', as: 'manager' }
        const owner: Who = { openid: resident, name: o.residentName, as: 'owner' }
        const [command, who]: [Command, Who] =
          event === 'dispatch'
            ? [{ event, team: { _id: team, name: TEAM_NAMES[team]! } }, manager]
            : event === 'accept'
              ? [{ event }, volunteer]
              : event === 'complete'
                ? [
                    { event, note: '服务顺利完成', minutes: 60, photoFileId: null },
                    { ...volunteer, as: 'holder' },
                  ]
                : event === 'rate'
                  ? [{ event, stars: 3 + (i % 3), comment: i % 2 ? '志愿者很耐心，谢谢！' : '' }, owner]
                  : event === 'cancel'
                    ? [{ event, reason: '家里人已经帮忙办好了' }, owner]
                    : [{ event: 'reject', reason: '超出本站服务范围，已建议联系社区卫生院' }, manager]
        const p = plan(o, command, who, at)
        if (isRefusal(p)) throw new Error(`seed order ${o._id}: ${p.message}`)
        o = { ...o, ...p.set, history: [...o.history, p.entry] }
        count(o, p.stats)
      })
      orders.push(o)
    }
  }
  return { orders, stats: [...stats.values()] }
}
