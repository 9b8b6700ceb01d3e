import { certificates } from '../../../../core/contract/certificates.collections'
import { volunteers } from '../../../../core/contract/people.collections'
import { hoursText } from '../../../../core/certificates/service'
import { AppError } from '../../../../core/errors'
import { maskName } from '../../../../core/people/mask'
import { formatDate } from '../../../../core/time'
import { grantedUnitIds } from '../../../../server/auth'
import { from } from '../../../../server/db'
import { callerOnDemand, type Handler } from '../../../../server/router'
import { requireNumber, view } from '../model'

export const mine: Handler<'certificates', 'mine'> = async (_input, { db, caller }) => {
  const [items, v] = await Promise.all([
    from(db, certificates).find((q) =>
      q.where({ openid: caller.openid }).orderBy('issuedAt', 'desc').limit(100),
    ),
    from(db, volunteers).byId(caller.openid, { status: true }),
  ])
  return { items: items.map((c) => view(c, caller)), isVolunteer: v?.status === 'active' }
}

export const list: Handler<'certificates', 'list'> = async (input, { db, _, caller }) => {
  const scope = grantedUnitIds(caller, 'manager')
  const items = await from(db, certificates).find((q) =>
    q
      .where({ issuerUnitPath: _.in(scope) })
      .orderBy('issuedAt', 'desc')
      .limit(input.limit),
  )
  return { items: items.map((c) => view(c, caller)) }
}

/** Public: only number, masked name, hours, issuer, date and status — nothing else leaves. */
export const verify = callerOnDemand<'certificates', 'verify'>(async (input, { db }) => {
  const number = requireNumber(input.number)
  const c = await from(db, certificates).byId(number, {
    name: true,
    minutes: true,
    issuerUnitName: true,
    issuedAt: true,
    status: true,
    revokedAt: true,
  })
  if (!c)
    throw new AppError('NOT_FOUND', '没有找到这个编号的志愿服务记录证明，请核对编号；如有疑问请联系出具单位')
  return {
    check: {
      number,
      maskedName: maskName(c.name),
      hours: hoursText(c.minutes),
      issuerUnitName: c.issuerUnitName,
      issuedOn: formatDate(c.issuedAt),
      status: c.status,
      revokedOn: c.revokedAt ? formatDate(c.revokedAt) : null,
    },
  }
})
