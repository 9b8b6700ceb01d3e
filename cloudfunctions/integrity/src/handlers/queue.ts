import { FLAG_PAGE_SIZE } from '../../../../core/contract/integrity'
import { integrityFlags } from '../../../../core/contract/integrity.collections'
import { AppError } from '../../../../core/errors'
import { grantedUnitIds } from '../../../../server/auth'
import { from } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import { flagForManager, viewOf } from '../flags'

/**
 * The flags of the units the caller manages (a grant reaches the unit's subtree), newest first, a page
 * of 20. Flags about the caller are left out: their managers above handle them.
 */
export const list: Handler<'integrity', 'list'> = async (input, { db, _, caller }) => {
  const scope = grantedUnitIds(caller, 'manager')
  const rows = await from(db, integrityFlags).find((q) =>
    q
      .where({ unitPath: _.in(scope), status: input.status, openids: _.nin([caller.openid]) })
      .orderBy('raisedAt', 'desc')
      .orderBy('_id', 'desc')
      .skip(input.page * FLAG_PAGE_SIZE)
      .limit(FLAG_PAGE_SIZE + 1),
  )
  return {
    items: rows.slice(0, FLAG_PAGE_SIZE).map((f) => viewOf(f, caller)),
    page: input.page,
    hasMore: rows.length > FLAG_PAGE_SIZE,
  }
}

/** One flag with its evidence. */
export const get: Handler<'integrity', 'get'> = async (input, { db, caller }) => ({
  flag: viewOf(await flagForManager(db, caller, input.id), caller),
})

const OUTCOME_NAMES = { dismissed: '核实无误', confirmed: '确认违规' } as const

/**
 * Resolves an open flag once (a conditional update on `open`): 核实无误 or 确认违规 with a note. Points are
 * not touched: the page offers credit's deduction as a separate step.
 */
export const resolve: Handler<'integrity', 'resolve'> = async (input, { db, caller, now }) => {
  const flag = await flagForManager(db, caller, input.id)
  const at = now()
  const change = {
    status: input.outcome,
    resolvedBy: caller.openid,
    resolvedByName: caller.user.name ?? null,
    resolvedAt: at,
    note: input.note || null,
  }
  const changed = await from(db, integrityFlags).update({ _id: flag._id, status: 'open' }, change)
  if (changed === 0) {
    const done = (await from(db, integrityFlags).byId(flag._id)) ?? flag
    const outcome = done.status === 'open' ? '' : `为「${OUTCOME_NAMES[done.status]}」`
    throw new AppError(
      'ALREADY_RESOLVED',
      `这条核查已由${done.resolvedByName ?? '其他专管员'}处理${outcome}，不能再次处理`,
    )
  }
  return { flag: viewOf({ ...flag, ...change }, caller) }
}
