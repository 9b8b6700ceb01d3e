import { creditAccounts, creditLedger } from '../../../../core/contract/credit.collections'
import { AppError } from '../../../../core/errors'
import { volunteers } from '../../../../core/contract/people.collections'
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

/**
 * A manager's award or deduction, with a reason, under a unit they manage, to a volunteer (by number or
 * openid) whose home unit lies in that unit's subtree; never to themself. Every check runs before the
 * transaction: a refusal writes nothing.
 */
export const adjust: Handler<'credit', 'adjust'> = async (input, { db, caller, now }) => {
  const self = () => new AppError('SELF_AWARD', '不能给自己加减积分，请由其他专管员办理')
  if (input.openid === caller.openid) throw self()
  const unit = await loadUnit(db, input.unitId)
  if (!unit) throw new AppError('NOT_FOUND', '没有找到这个单位')
  requireManagerOf(caller, unit)
  const people = from(db, volunteers)
  const fields = { number: true, name: true, homeUnitPath: true, homeUnitName: true, status: true } as const
  const person = input.volunteerNumber
    ? await people.first({ number: input.volunteerNumber }, fields)
    : await people.byId(input.openid!, fields)
  if (!person || person.status !== 'active') {
    throw new AppError(
      'NOT_FOUND',
      input.volunteerNumber
        ? `没有找到编号为 ${input.volunteerNumber} 的志愿者，请核对编号`
        : '没有找到这位志愿者，请确认后再试',
      input.volunteerNumber ? { volunteerNumber: '没有这个志愿者编号' } : undefined,
    )
  }
  if (input.openid && person._id !== input.openid) {
    throw new AppError('INVALID_INPUT', '志愿者编号和所选的人不一致，请刷新后再试')
  }
  if (person._id === caller.openid) throw self()
  if (!person.homeUnitPath.includes(unit._id)) {
    throw new AppError(
      'NOT_IN_UNIT',
      `${person.name}（${person.number}）属于「${person.homeUnitName}」，不属于「${unit.name}」，请由其所在单位的专管员办理`,
    )
  }
  const award = input.points > 0
  const { line, duplicate } = await inTransaction(db, (tx) =>
    postLine(
      tx,
      {
        _id: `adj_${caller.openid}_${input.requestId}`,
        openid: person._id,
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
  if (duplicate && (line.openid !== person._id || line.points !== input.points)) {
    throw new AppError('CONFLICT', '这个请求编号已用于另一次加减分，请刷新后再试')
  }
  return { line: lineView(line), duplicate }
}
