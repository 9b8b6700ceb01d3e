/** 人员与权限: who holds which role in a manager's subtree, revoking a grant, and the audit log. */
import type { AuditView, HolderView } from '../../../../core/contract/network'
import { auditLog, invitations } from '../../../../core/contract/network.collections'
import { units } from '../../../../core/contract/stations.collections'
import { users } from '../../../../core/contract/users.collections'
import type { RoleGrant, UserRecord } from '../../../../core/domain'
import { maskName } from '../../../../core/network/rules'
import { requireManagerOf } from '../../../../server/auth'
import { from, MAX_READ } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import { loadUnit } from '../../../../server/units'
import { auditLine, inTransaction, maskedSubject, networkError, notFound, txGet } from '../model'
import { invitationView } from './invitations'
import { defaultUnitId } from './units'

/** Holders of a role on the unit and on its direct children, and the invitations still open there. */
export const holders: Handler<'network', 'holders'> = async ({ unitId }, { db, _, caller, now }) => {
  const nodes = await from(db, units).find((ref) =>
    ref
      .where(_.or([{ _id: unitId }, { parentId: unitId }]))
      .field({ name: true, ancestors: true, parentId: true })
      .limit(MAX_READ),
  )
  const unit = nodes.find((u) => u._id === unitId)
  if (!unit) throw notFound()
  requireManagerOf(caller, unit)

  const ids = nodes.map((u) => u._id)
  const nameOf = new Map(nodes.map((u) => [u._id, u.name]))
  const at = now()
  const [people, open] = await Promise.all([
    from(db, users).find((ref) =>
      ref
        .where({ 'grants.unitId': _.in(ids) })
        .field({ name: true, grants: true })
        .limit(MAX_READ),
    ),
    from(db, invitations).find((ref) =>
      ref
        .where({ unitId: _.in(ids), status: 'pending', expiresAt: _.gt(at) })
        .orderBy('createdAt', 'desc')
        .limit(100),
    ),
  ])
  const order = new Map(ids.map((id, i) => [id, id === unitId ? -1 : i]))
  const shown: HolderView[] = people
    .flatMap((p) =>
      (p.grants ?? [])
        .filter((g) => nameOf.has(g.unitId))
        .map((g) => ({
          openid: p._id,
          name: maskName(p.name),
          role: g.role,
          unitId: g.unitId,
          unitName: nameOf.get(g.unitId)!,
          isMe: p._id === caller.openid,
        })),
    )
    .sort((a, b) => order.get(a.unitId)! - order.get(b.unitId)! || a.role.localeCompare(b.role))
  return { holders: shown, invitations: open.map((inv) => invitationView(inv, at)) }
}

const sameGrant = (a: RoleGrant, b: RoleGrant) => a.role === b.role && a.unitId === b.unitId

/** 撤销权限: in one transaction, the grant leaves the person's record and the audit line is written. */
export const revoke: Handler<'network', 'revoke'> = async (input, { db, caller, now }) => {
  const unit = await loadUnit(db, input.unitId)
  if (!unit) throw notFound()
  requireManagerOf(caller, unit)
  if (input.openid === caller.openid) throw networkError('SELF_REVOKE')
  const grant: RoleGrant = { role: input.role, unitId: input.unitId }
  const at = now()
  return inTransaction(db, async (tx) => {
    const person = await txGet<UserRecord>(tx, users.name, input.openid)
    const grants = person?.grants ?? []
    if (!person || !grants.some((g) => sameGrant(g, grant))) throw networkError('GRANT_NOT_FOUND')
    await tx
      .collection(users.name)
      .doc(person._id)
      .update({ data: { grants: grants.filter((g) => !sameGrant(g, grant)) } })
    const { _id, ...line } = auditLine({
      kind: 'revoke',
      caller,
      unit,
      at,
      subject: { openid: person._id, name: person.name ?? null },
      role: grant.role,
      detail: input.reason ?? null,
    })
    await tx.collection(auditLog.name).add({ data: { _id, ...line } })
    return { revoked: true as const }
  })
}

/** The log of a unit and everything under it (managers of the unit or above), newest first. */
export const audit: Handler<'network', 'audit'> = async (input, { db, _, caller }) => {
  const id = input.unitId ?? defaultUnitId(caller)
  const unit = await loadUnit(db, id)
  if (!unit) throw notFound()
  requireManagerOf(caller, unit)
  const page = await from(db, auditLog).find((ref) =>
    ref
      .where(input.before ? { unitPath: id, at: _.lt(new Date(input.before)) } : { unitPath: id })
      .orderBy('at', 'desc')
      .limit(input.limit + 1),
  )
  const entries: AuditView[] = page.slice(0, input.limit).map((a) => ({
    _id: a._id,
    at: new Date(a.at).getTime(),
    kind: a.kind,
    actorName: maskName(a.actorName),
    subjectName: maskedSubject(a.subjectName),
    role: a.role,
    unitId: a.unitId,
    unitName: a.unitName,
    detail: a.detail,
  }))
  const last = entries[entries.length - 1]
  return { entries, nextBefore: page.length > input.limit && last ? last.at : null }
}
