import { certificateIssuers } from '../../../../core/contract/certificates.collections'
import { AppError } from '../../../../core/errors'
import { requireManagerOf } from '../../../../server/auth'
import { from } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import { loadUnit } from '../../../../server/units'

async function managedUnit(
  db: Parameters<Handler<'certificates', 'issuerGet'>>[1]['db'],
  caller: Parameters<Handler<'certificates', 'issuerGet'>>[1]['caller'],
  unitId: string,
) {
  const unit = await loadUnit(db, unitId)
  if (!unit || unit.retired) throw new AppError('NOT_FOUND', '没有找到这个单位，可能已撤销')
  requireManagerOf(caller, unit)
  return unit
}

export const issuerGet: Handler<'certificates', 'issuerGet'> = async (input, { db, caller }) => {
  const unit = await managedUnit(db, caller, input.unitId)
  const doc = await from(db, certificateIssuers).byId(unit._id)
  return {
    issuer: doc
      ? { unitId: unit._id, unitName: unit.name, head: doc.head, handler: doc.handler, phone: doc.phone }
      : null,
  }
}

export const issuerSet: Handler<'certificates', 'issuerSet'> = async (input, { db, caller, now }) => {
  const unit = await managedUnit(db, caller, input.unitId)
  const doc = {
    unitName: unit.name,
    unitPath: [...unit.ancestors, unit._id],
    head: input.head,
    handler: input.handler,
    phone: input.phone,
    updatedBy: caller.openid,
    updatedAt: now(),
  }
  await from(db, certificateIssuers).ref.doc(unit._id).set({ data: doc })
  return {
    issuer: { unitId: unit._id, unitName: unit.name, head: doc.head, handler: doc.handler, phone: doc.phone },
  }
}
