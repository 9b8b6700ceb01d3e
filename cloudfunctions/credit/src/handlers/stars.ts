import type { StarView } from '../../../../core/contract/credit'
import { creditAccounts, creditStars, type StarDoc } from '../../../../core/contract/credit.collections'
import { noticeEnd } from '../../../../core/credit/stars'
import { AppError } from '../../../../core/errors'
import { maskName } from '../../../../core/network/rules'
import { epochMs } from '../../../../core/time'
import { grantedUnitIds, requireManagerOf } from '../../../../server/auth'
import { from } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import type { Command, Db } from '../../../../server/types'
import { holdingUnit } from '../../../../server/units'

function view(s: StarDoc): StarView {
  return {
    _id: s._id,
    name: maskName(s.name),
    level: s.level,
    hours: s.hours,
    unitName: s.unitName,
    status: s.status,
    noticeEndsAt: s.noticeEndsAt ? epochMs(s.noticeEndsAt) : null,
  }
}

export const starQueue: Handler<'credit', 'starQueue'> = async (_input, { db, _, caller }) => {
  const scope = grantedUnitIds(caller, 'manager')
  const stars = await from(db, creditStars).find((q) =>
    q
      .where({ unitPath: _.in(scope), status: _.in(['pending', 'publicizing']) })
      .orderBy('reachedAt', 'asc')
      .limit(100),
  )
  return { stars: stars.map(view) }
}

/** One decision per star: a conditional update on `pending`; a manager never decides their own. */
export const decideStar: Handler<'credit', 'decideStar'> = async (input, { db, caller, now }) => {
  const stars = from(db, creditStars)
  const star = await stars.byId(input.id)
  if (!star) throw new AppError('NOT_FOUND', '没有找到这条星级记录')
  requireManagerOf(caller, holdingUnit(star))
  if (star.openid === caller.openid)
    throw new AppError('SELF_AWARD', '不能审核自己的星级，请由其他专管员办理')
  const at = now()
  const data = input.approve
    ? { status: 'publicizing' as const, decidedBy: caller.openid, decidedAt: at, noticeEndsAt: noticeEnd(at) }
    : { status: 'rejected' as const, decidedBy: caller.openid, decidedAt: at }
  if ((await stars.update({ _id: star._id, status: 'pending' }, data)) === 0) {
    throw new AppError('ALREADY_DECIDED', '这条星级已由其他专管员审核过了')
  }
  return { star: view({ ...star, ...data }) }
}

/** Timer: stars whose 公示 has ended are awarded (the account keeps the highest). */
export async function awardStars(db: Db, _: Command, now: Date): Promise<number> {
  const stars = from(db, creditStars)
  const due = await stars.find((q) => q.where({ status: 'publicizing', noticeEndsAt: _.lte(now) }).limit(200))
  let awarded = 0
  for (const s of due) {
    if (
      (await stars.update({ _id: s._id, status: 'publicizing' }, { status: 'awarded', awardedAt: now })) === 0
    )
      continue
    awarded++
    const accounts = from(db, creditAccounts)
    await accounts.update({ _id: s.openid, stars: _.lt(s.level) }, { stars: s.level })
    await accounts.update({ _id: s.openid, stars: _.exists(false) }, { stars: s.level })
  }
  return awarded
}
