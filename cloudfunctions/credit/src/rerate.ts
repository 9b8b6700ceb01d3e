/**
 * A rating changed after its order's service was settled (orders allow one change within 7 days): the
 * good-rating bonus is settled again as a new line `rrt_<recordId>_<change>` (never an edit), once per
 * change. The timer reads the guards still watched (`credit_sources.watchUntil`, set when an order's
 * service is settled), then those orders' ratings; each record whose rating changed more often than its
 * guard counted is re-settled in one transaction with the guard, the line and the account. A crash
 * anywhere leaves all or nothing of a record and the next run finishes the rest; two runs at once write
 * the same guard, so one conflicts and its retry finds the change counted.
 */
import { creditRules, creditSources, type CreditSourceDoc } from '../../../core/contract/credit.collections'
import { orders } from '../../../core/contract/orders.collections'
import { defaultRule, ratingBonus, type CreditRule } from '../../../core/credit/rules'
import type { OrderRating } from '../../../core/orders/model'
import { crashPoint } from '../../../server/crash-point'
import { from } from '../../../server/db'
import type { Command, Db } from '../../../server/types'
import { postLine } from './ledger'
import { inTransaction, txGet, txSet } from './tx'

const PAGE = 100
const MAX_PAGES = 10

/** The rule version a guard was settled by (its bonus and stars), the default when it is version 0. */
async function ruleById(db: Db, id: string, cache: Map<string, CreditRule>): Promise<CreditRule> {
  const hit = cache.get(id)
  if (hit) return hit
  const stored = await from(db, creditRules).byId(id)
  const rule = stored ?? defaultRule(id.replace(/_v\d+$/, ''))
  cache.set(id, rule)
  return rule
}

/** Re-settles one record's bonus for its rating's `changes`-th change (idempotent; answers the points). */
export async function rerateRecord(
  db: Db,
  recordId: string,
  rating: OrderRating,
  rule: CreditRule,
  now: Date,
): Promise<number> {
  return inTransaction(db, async (tx) => {
    const guard = await txGet<CreditSourceDoc>(tx, creditSources.name, recordId)
    if (!guard || (guard.ratingChanges ?? 0) >= rating.changes) return 0
    const bonus = ratingBonus(rule, rating.stars)
    const delta = bonus - (guard.bonus ?? 0)
    if (delta !== 0) {
      const was =
        guard.ratingStars === null || guard.ratingStars === undefined ? '未评' : `${guard.ratingStars} 星`
      await postLine(
        tx,
        {
          _id: `rrt_${recordId}_${rating.changes}`,
          openid: guard.openid,
          kind: 'service',
          points: delta,
          sourceId: recordId,
          ruleId: rule._id,
          explanation: `「${guard.title ?? '上门服务'}」评价由 ${was}改为 ${rating.stars} 星：好评加分${delta > 0 ? '加' : '减'} ${Math.abs(delta)} 分（规则第 ${rule.version} 版）`,
          by: 'system',
          byName: null,
          reason: null,
          unitId: guard.unitId ?? null,
          unitPath: guard.unitPath ?? [],
        },
        now,
        undefined,
        true,
      )
    }
    await txSet<CreditSourceDoc>(tx, creditSources.name, {
      ...guard,
      points: guard.points + delta,
      ratingStars: rating.stars,
      ratingChanges: rating.changes,
      bonus,
      // orders allow one change: nothing more to watch
      watchUntil: null,
    })
    return delta
  })
}

export interface RerateReport {
  rerated: number
  reratePoints: number
}

/** The timer step: watched guards → their orders' ratings → each changed one re-settled once. */
export async function resettleRatings(db: Db, _: Command, now: Date): Promise<RerateReport> {
  const report: RerateReport = { rerated: 0, reratePoints: 0 }
  const rules = new Map<string, CreditRule>()
  for (let page = 0; page < MAX_PAGES; page++) {
    const guards = await from(db, creditSources).find((q) =>
      q
        .where({ watchUntil: _.gte(now) })
        .orderBy('watchUntil', 'asc')
        .orderBy('_id', 'asc')
        .skip(page * PAGE)
        .limit(PAGE),
    )
    if (guards.length === 0) break
    const ids = [...new Set(guards.flatMap((g) => g.orderId ?? []))]
    const ratings = new Map(
      (
        await from(db, orders).find((q) =>
          q
            .where({ _id: _.in(ids) })
            .field({ rating: true })
            .limit(PAGE),
        )
      ).map((o) => [o._id, o.rating]),
    )
    for (const g of guards) {
      const rating = g.orderId ? ratings.get(g.orderId) : null
      if (!rating || rating.changes <= (g.ratingChanges ?? 0)) continue
      report.reratePoints += await rerateRecord(db, g._id, rating, await ruleById(db, g.ruleId, rules), now)
      report.rerated++
      crashPoint(`credit:rerated:${report.rerated}`)
    }
    if (guards.length < PAGE) break
  }
  return report
}
