import { creditAccounts, creditLedger } from '../../../../core/contract/credit.collections'
import { AppError } from '../../../../core/errors'
import { users } from '../../../../core/contract/users.collections'
import { requireManagerOf } from '../../../../server/auth'
import { from } from '../../../../server/db'
import { callerOnDemand, type Handler } from '../../../../server/router'
import { loadUnit } from '../../../../server/units'
import { lineView, postLine } from '../ledger'
import { inTransaction } from '../tx'

/**
 * The caller's account and last 20 lines: two reads side by side, not waiting for the caller's record
 * (callerOnDemand): one sequential round.
 */
export const mine = callerOnDemand<'credit', 'mine'>(async (_input, { db, caller }) => {
  const [account, lines] = await Promise.all([
    from(db, creditAccounts).byId(caller.openid),
    from(db, creditLedger).find((q) => q.where({ openid: caller.openid }).orderBy('at', 'desc').limit(20)),
  ])
  return {
    balance: account?.balance ?? 0,
    held: account?.held ?? 0,
    earned: account?.earned ?? 0,
    serviceHours: Math.floor(((account?.serviceMinutes ?? 0) / 60) * 10) / 10,
    lines: lines.map(lineView),
    stars: account?.stars ?? 0,
  }
})

/** A manager's award or deduction, with a reason, under a unit they manage; never to themself. */
export const adjust: Handler<'credit', 'adjust'> = async (input, { db, caller, now }) => {
  if (input.openid === caller.openid) {
    throw new AppError('SELF_AWARD', '不能给自己加减积分，请由其他专管员办理')
  }
  const unit = await loadUnit(db, input.unitId)
  if (!unit) throw new AppError('NOT_FOUND', '没有找到这个单位')
  requireManagerOf(caller, unit)
  const person = await from(db, users).byId(input.openid, { name: true })
  if (!person) throw new AppError('NOT_FOUND', '没有找到这位志愿者，请确认后再试')
  const award = input.points > 0
  const { line, duplicate } = await inTransaction(db, (tx) =>
    postLine(
      tx,
      {
        _id: `adj_${caller.openid}_${input.requestId}`,
        openid: input.openid,
        kind: award ? 'award' : 'deduct',
        points: input.points,
        sourceId: `adj_${caller.openid}_${input.requestId}`,
        ruleId: null,
        explanation: `${unit.name}${award ? '奖励' : '扣减'}：${input.reason}`,
        by: caller.openid,
        byName: caller.user.name ?? null,
        reason: input.reason,
        unitId: unit._id,
        unitPath: [...unit.ancestors, unit._id],
      },
      now(),
      (a) => {
        if (person.name) a.name = person.name
      },
    ),
  )
  if (duplicate && (line.openid !== input.openid || line.points !== input.points)) {
    throw new AppError('CONFLICT', '这个请求编号已用于另一次加减分，请刷新后再试')
  }
  return { line: lineView(line), duplicate }
}
