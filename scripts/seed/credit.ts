/**
 * Demo data of the credit context: the demo volunteer's points (a consistent ledger and account) and the
 * first station's 爱心超市 goods.
 */
import {
  creditAccounts,
  creditLedger,
  shopItems,
  type CreditAccount,
  type LedgerLine,
  type ShopItemDoc,
} from '../../core/contract/credit.collections'
import { DEMO_IDENTITIES, DEMO_IDS } from './county'
import { insertDocs, type SeedDb } from './insert'

const DAY = 86_400_000
const S01_PATH = [DEMO_IDS.center, 'u-qh-i01', DEMO_IDS.firstStation]
const S01_NAME = '幸福里社区新时代文明实践站'

export function demoCredit(now: Date): {
  lines: LedgerLine[]
  accounts: CreditAccount[]
  items: ShopItemDoc[]
} {
  const who = DEMO_IDENTITIES.volunteer
  const specs: Array<[string, LedgerLine['kind'], number, string, number]> = [
    [
      'svc_demo-service-1_1',
      'service',
      30,
      '「社区环境清洁」服务 3 小时，折合 30 分；共 30 分（规则第 0 版）',
      20,
    ],
    [
      'svc_demo-service-2_1',
      'service',
      60,
      '「理论宣讲进社区」服务 6 小时，折合 60 分；共 60 分（规则第 0 版）',
      12,
    ],
    [`adj_${DEMO_IDENTITIES.stationManager}_demo0001`, 'award', 30, `${S01_NAME}奖励：疫情防控表现突出`, 5],
  ]
  let balance = 0
  const lines = specs.map(([id, kind, points, explanation, daysAgo]): LedgerLine => {
    balance += points
    return {
      _id: id,
      openid: who,
      kind,
      points,
      balanceAfter: balance,
      sourceId: id,
      ruleId: kind === 'service' ? `${DEMO_IDS.center}_v0` : null,
      explanation,
      by: kind === 'service' ? 'system' : DEMO_IDENTITIES.stationManager,
      byName: null,
      reason: kind === 'award' ? '疫情防控表现突出' : null,
      unitId: DEMO_IDS.firstStation,
      unitPath: S01_PATH,
      at: new Date(now.getTime() - daysAgo * DAY),
    }
  })
  const accounts: CreditAccount[] = [
    {
      _id: who,
      balance,
      held: 0,
      earned: balance,
      serviceMinutes: 9 * 60,
      servicePointsByDay: {},
      lines: lines.length,
      updatedAt: now,
      name: '王志愿',
    },
  ]
  const item = (id: string, title: string, price: number, stock: number): ShopItemDoc => ({
    _id: id,
    unitId: DEMO_IDS.firstStation,
    unitName: S01_NAME,
    unitPath: S01_PATH,
    title,
    price,
    stock,
    claims: [],
    handedOut: 0,
    active: true,
    updatedBy: DEMO_IDENTITIES.stationManager,
    updatedAt: now,
  })
  return {
    lines,
    accounts,
    items: [
      item('item_demo_rice', '爱心大米 5 斤', 80, 5),
      item('item_demo_soap', '洗衣液一瓶', 50, 10),
      item('item_demo_haircut', '理发服务一次', 30, 20),
    ],
  }
}

export async function seedCredit(cloud: { db: SeedDb }, now: Date): Promise<void> {
  const demo = demoCredit(now)
  await insertDocs(cloud.db, creditLedger, demo.lines)
  await insertDocs(cloud.db, creditAccounts, demo.accounts)
  await insertDocs(cloud.db, shopItems, demo.items)
}
