import { creditAccounts, creditLedger } from '../../../../core/contract/credit.collections'
import { rankBoard } from '../../../../core/credit/board'
import { AppError } from '../../../../core/errors'
import { monthRange, parseShanghaiDate } from '../../../../core/time'
import { aggregateRows, from } from '../../../../server/db'
import { callerOnDemand } from '../../../../server/router'
import { loadUnit } from '../../../../server/units'
import { emptyAccount } from '../ledger'

const SIZE = 50
/** read past the board's size so people who hide do not leave it short */
const READ = 200

/**
 * 晾榜: one aggregation over the unit's ledger lines of the month (indexed by unitPath + at), then the
 * accounts of those people (names, who hides) — two sequential rounds; the unit is read alongside the first.
 */
export const board = callerOnDemand<'credit', 'board'>(async (input, { db, caller }) => {
  const { start, end } = monthRange(parseShanghaiDate(`${input.month}-01`))
  const $ = db.command.aggregate
  const [unit, sums] = await Promise.all([
    loadUnit(db, input.unitId),
    aggregateRows<{ _id: string; points: number }>(
      from(db, creditLedger)
        .ref.aggregate()
        .match({
          unitPath: input.unitId,
          at: db.command.gte(start).and(db.command.lt(end)),
          kind: db.command.in(['service', 'award', 'deduct']),
        })
        .group({ _id: '$openid', points: $.sum('$points') })
        .sort({ points: -1, _id: 1 })
        .limit(READ)
        .end(),
    ),
  ])
  if (!unit) throw new AppError('NOT_FOUND', '没有找到这个单位')
  const ids = [...new Set([...sums.map((s) => s._id), caller.openid])]
  const accounts = await from(db, creditAccounts).find((q) =>
    q
      .where({ _id: db.command.in(ids) })
      .field({ name: true, hideFromBoard: true })
      .limit(READ + 1),
  )
  const byId = new Map(accounts.map((a) => [a._id, a]))
  const rows = rankBoard(
    sums.map((s) => ({
      openid: s._id,
      points: s.points,
      name: byId.get(s._id)?.name ?? null,
      hidden: byId.get(s._id)?.hideFromBoard === true,
    })),
    SIZE,
  )
  return {
    unitName: unit.name,
    month: input.month,
    rows,
    hidden: byId.get(caller.openid)?.hideFromBoard === true,
  }
})

/** Hides the caller from every board (or shows them again); their points are unchanged. */
export const setBoardVisibility = callerOnDemand<'credit', 'setBoardVisibility'>(
  async (input, { db, caller, now }) => {
    const accounts = from(db, creditAccounts)
    if ((await accounts.update({ _id: caller.openid }, { hideFromBoard: input.hidden })) === 0) {
      const created = await accounts.insertUnique({
        ...emptyAccount(caller.openid, now()),
        hideFromBoard: input.hidden,
      })
      if (!created.inserted) await accounts.update({ _id: caller.openid }, { hideFromBoard: input.hidden })
    }
    return { hidden: input.hidden }
  },
)
