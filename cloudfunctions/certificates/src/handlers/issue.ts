import type { CertificateView } from '../../../../core/contract/certificates'
import {
  certificateIssuers,
  certificates,
  type CertificateDoc,
} from '../../../../core/contract/certificates.collections'
import type { VolunteerDoc } from '../../../../core/contract/people.collections'
import { AppError } from '../../../../core/errors'
import { maskName } from '../../../../core/people/mask'
import { grantedUnitIds, requireManagerOf } from '../../../../server/auth'
import { from } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import type { Caller, Command, Db } from '../../../../server/types'
import { holdingUnit, loadUnit } from '../../../../server/units'
import { activeVolunteer, log, newNumber, periodRange, serviceBlock, view } from '../model'

/**
 * Issues a certificate of the period for the volunteer, by the nearest unit on their home unit's path that
 * has an issuer block (their station, else its institute, else the center). The same period asked again
 * with the same hours answers the certificate already issued (reused) instead of a second one.
 */
async function issueFor(
  db: Db,
  _: Command,
  caller: Caller,
  v: VolunteerDoc,
  p: { from: string; to: string },
  now: Date,
  via: 'self' | 'manager',
): Promise<{ certificate: CertificateView; reused: boolean }> {
  const range = periodRange(p, now)
  const path = [...v.homeUnitPath].reverse()
  const allowed = via === 'manager' ? new Set(managedPath(caller, v.homeUnitPath)) : undefined
  const [service, issuers] = await Promise.all([
    serviceBlock(db, _, v._id, range),
    from(db, certificateIssuers).find((q) => q.where({ _id: _.in(path) }).limit(path.length)),
  ])
  const issuer = path
    .map((id) => issuers.find((i) => i._id === id))
    .find((i) => i && (!allowed || allowed.has(i._id)))
  if (!issuer) {
    throw new AppError(
      'NO_ISSUER',
      via === 'self'
        ? '您所在的站点及上级单位还没有设置证明出具信息（负责人、经办人、联系电话），请联系站点专管员设置后再申请'
        : '您管理的单位还没有设置证明出具信息，请先在「志愿服务记录证明」页设置负责人、经办人和联系电话',
    )
  }
  if (service.minutes === 0) {
    throw new AppError(
      'NO_SERVICE',
      `${via === 'self' ? '您' : maskName(v.name)}在这个时间段内没有经确认的志愿服务时长，请换一个时间段`,
    )
  }
  const same = await from(db, certificates).first({
    openid: v._id,
    from: p.from,
    to: p.to,
    minutes: service.minutes,
    issuerUnitId: issuer._id,
    status: 'issued',
  })
  if (same) return { certificate: view(same, caller), reused: true }
  const doc: CertificateDoc = {
    _id: newNumber(now),
    openid: v._id,
    name: v.name,
    volunteerNumber: v.number,
    idNumberMasked: v.idNumberMasked,
    from: p.from,
    to: p.to,
    minutes: service.minutes,
    groups: service.groups,
    issuerUnitId: issuer._id,
    issuerUnitName: issuer.unitName,
    issuerUnitPath: issuer.unitPath,
    head: issuer.head,
    handler: issuer.handler,
    phone: issuer.phone,
    issuedAt: now,
    issuedBy: caller.openid,
    issuedVia: via,
    status: 'issued',
    revokedAt: null,
    revokedBy: null,
    revokeReason: null,
    pdfFileId: null,
  }
  await from(db, certificates).insert(doc)
  await log(db, {
    number: doc._id,
    action: 'issue',
    by: caller.openid,
    at: now,
    unitPath: doc.issuerUnitPath,
    openid: v._id,
    detail: `${via === 'self' ? '本人申请' : '专管员出具'}：${p.from} 至 ${p.to}，${service.minutes} 分钟`,
  })
  return { certificate: view(doc, caller), reused: false }
}

/** The units on the volunteer's path the caller manages (directly or from above). */
function managedPath(caller: Caller, homeUnitPath: string[]): string[] {
  const scope = new Set(grantedUnitIds(caller, 'manager'))
  const i = homeUnitPath.findIndex((id) => scope.has(id))
  return i < 0 ? [] : homeUnitPath.slice(i)
}

export const request: Handler<'certificates', 'request'> = async (input, { db, _, caller, now }) => {
  const v = await activeVolunteer(db, { openid: caller.openid })
  return issueFor(db, _, caller, v, input, now(), 'self')
}

export const issue: Handler<'certificates', 'issue'> = async (input, { db, _, caller, now }) => {
  const v = await activeVolunteer(db, { number: input.volunteerNumber })
  const home = await loadUnit(db, v.homeUnitId)
  requireManagerOf(
    caller,
    home ?? holdingUnit({ unitId: v.homeUnitId, unitPath: v.homeUnitPath, unitName: v.homeUnitName }),
  )
  return issueFor(db, _, caller, v, input, now(), 'manager')
}
