import { certificates } from '../../../../core/contract/certificates.collections'
import { AppError } from '../../../../core/errors'
import { formatDate } from '../../../../core/time'
import { requireManagerOf } from '../../../../server/auth'
import { from } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import { issuingUnit, log, requireNumber, view } from '../model'

/** The issuer revokes: one conditional update issued → revoked (a second revoke finds it revoked). */
export const revoke: Handler<'certificates', 'revoke'> = async (input, { db, caller, now }) => {
  const number = requireNumber(input.number)
  const c = await from(db, certificates).byId(number)
  if (!c) throw new AppError('NOT_FOUND', '没有找到这份证明，请核对编号')
  requireManagerOf(caller, issuingUnit(c))
  if (c.status === 'revoked') {
    throw new AppError(
      'ALREADY_REVOKED',
      `这份证明已于 ${formatDate(c.revokedAt ?? now())} 撤销，无需再次撤销`,
    )
  }
  const at = now()
  const changed = await from(db, certificates).update(
    { _id: number, status: 'issued' },
    { status: 'revoked', revokedAt: at, revokedBy: caller.openid, revokeReason: input.reason },
  )
  if (changed === 0) throw new AppError('ALREADY_REVOKED', '这份证明刚刚已被撤销，无需再次撤销')
  await log(db, {
    number,
    action: 'revoke',
    by: caller.openid,
    at,
    unitPath: c.issuerUnitPath,
    openid: c.openid,
    detail: `撤销原因：${input.reason}`,
  })
  return {
    certificate: view(
      { ...c, status: 'revoked', revokedAt: at, revokedBy: caller.openid, revokeReason: input.reason },
      caller,
    ),
  }
}
