import type { RuleView } from '../../../../core/contract/credit'
import { creditRules, type CreditRuleDoc } from '../../../../core/contract/credit.collections'
import { ruleFor, scaleProblem, type CreditRule } from '../../../../core/credit/rules'
import { AppError } from '../../../../core/errors'
import { formatDate } from '../../../../core/time'
import { units } from '../../../../core/contract/stations.collections'
import { grantedUnitIds, holdsOver, requireManagerOf } from '../../../../server/auth'
import { from } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import type { Caller, Command, Db } from '../../../../server/types'
import { loadUnit } from '../../../../server/units'

function view(r: CreditRule): RuleView {
  return {
    centerId: r.centerId,
    version: r.version,
    effectiveFrom: r.effectiveFrom,
    scale: r.scale,
    capPerActivity: r.capPerActivity,
    capPerDay: r.capPerDay,
    categoryPercent: r.categoryPercent,
    goodRatingBonus: r.goodRatingBonus,
    goodRatingStars: r.goodRatingStars,
  }
}

export async function centerOf(db: Parameters<typeof loadUnit>[0], id: string) {
  const unit = await loadUnit(db, id)
  if (!unit || unit.level !== 'center')
    throw new AppError('NOT_FOUND', '没有找到这个中心，积分规则按中心设置')
  return unit
}

/** A manager anywhere in the center's network (reads its rules and settings); FORBIDDEN otherwise. */
export async function requireNetworkManager(
  db: Db,
  _: Command,
  caller: Caller,
  center: Awaited<ReturnType<typeof centerOf>>,
): Promise<void> {
  if (holdsOver(caller, 'manager', center)) return
  const ids = grantedUnitIds(caller, 'manager')
  const held = ids.length ? await from(db, units).find((q) => q.where({ _id: _.in(ids) }).limit(100)) : []
  if (!held.some((u) => u.ancestors.includes(center._id))) requireManagerOf(caller, center)
}

export const rules: Handler<'credit', 'rules'> = async (input, { db, _, caller, now }) => {
  const center = await centerOf(db, input.centerId)
  await requireNetworkManager(db, _, caller, center)
  const versions = await from(db, creditRules).find((q) =>
    q.where({ centerId: center._id }).orderBy('version', 'desc').limit(100),
  )
  return { versions: versions.map(view), current: view(ruleFor(center._id, versions, formatDate(now()))) }
}

/** A new version; versions are never edited. It counts service from its date (not before today). */
export const saveRule: Handler<'credit', 'saveRule'> = async (input, { db, caller, now }) => {
  const center = await centerOf(db, input.centerId)
  requireManagerOf(caller, center)
  const problem = scaleProblem(input.scale)
  if (problem) throw new AppError('INVALID_INPUT', problem, { scale: problem })
  const today = formatDate(now())
  if (input.effectiveFrom < today) {
    throw new AppError('INVALID_INPUT', '新规则只能从今天或以后开始生效，已记的积分不变', {
      effectiveFrom: '生效日期不能早于今天',
    })
  }
  const all = from(db, creditRules)
  for (let attempt = 0; attempt < 5; attempt++) {
    const last = await all.find((q) => q.where({ centerId: center._id }).orderBy('version', 'desc').limit(1))
    const version = (last[0]?.version ?? 0) + 1
    const doc: CreditRuleDoc = {
      _id: `${center._id}_v${version}`,
      centerId: center._id,
      version,
      effectiveFrom: input.effectiveFrom,
      scale: input.scale,
      capPerActivity: input.capPerActivity,
      capPerDay: input.capPerDay,
      categoryPercent: input.categoryPercent,
      goodRatingBonus: input.goodRatingBonus,
      goodRatingStars: input.goodRatingStars,
      createdBy: caller.openid,
      createdAt: now(),
    }
    const res = await all.insertUnique(doc)
    if (res.inserted) return { rule: view(doc) }
  }
  throw new AppError('CONFLICT', '其他管理员正在修改规则，请刷新后再试')
}
