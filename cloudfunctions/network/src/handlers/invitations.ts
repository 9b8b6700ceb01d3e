/** 邀请专管员: single-use, expiring invitations; accepting adds the grant and consumes it in one transaction. */
import type { InvitationView } from '../../../../core/contract/network'
import { auditLog, invitations, type InvitationDoc } from '../../../../core/contract/network.collections'
import { units } from '../../../../core/contract/stations.collections'
import { users } from '../../../../core/contract/users.collections'
import type { RoleGrant, Unit, UserRecord } from '../../../../core/domain'
import {
  INVITATION_PAGE,
  INVITATION_TTL_MS,
  invitationIdFrom,
  invitationScene,
  invitationState,
  invitationUrl,
  maskName,
} from '../../../../core/network/rules'
import { holdsOver, rolesOf, requireManagerOf } from '../../../../server/auth'
import { from } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import { loadUnit } from '../../../../server/units'
import type { Caller, Db } from '../../../../server/types'
import { actorName, auditLine, inTransaction, networkError, notFound, randomId, txGet } from '../model'

/** The invitation code's size in pixels (wxacode width 280–1280): read from a phone screen, not printed. */
const INVITATION_CODE_WIDTH = 430

export function invitationView(inv: InvitationDoc, now: Date): InvitationView {
  return {
    _id: inv._id,
    unitId: inv.unitId,
    unitName: inv.unitName,
    unitLevel: inv.unitLevel,
    role: inv.role,
    invitedBy: maskName(inv.createdByName),
    createdAt: new Date(inv.createdAt).getTime(),
    expiresAt: new Date(inv.expiresAt).getTime(),
    state: invitationState(inv, now),
  }
}

/** The unit an invitation is for, in the shape the scope checks take. */
function invitedUnit(inv: InvitationDoc): Pick<Unit, '_id' | 'ancestors' | 'name'> {
  return { _id: inv.unitId, ancestors: inv.unitPath.slice(0, -1), name: inv.unitName }
}

export const invite: Handler<'network', 'invite'> = async (input, { db, caller, now, openapi, cloud }) => {
  const unit = await loadUnit(db, input.unitId)
  if (!unit) throw notFound()
  if (unit.retired) throw networkError('UNIT_RETIRED')
  requireManagerOf(caller, unit)

  const at = now()
  const id = randomId(24)
  const scene = invitationScene(id)
  let png: Buffer | null = null
  let fileID: string | null = null
  try {
    png = await openapi.getUnlimitedCode({
      scene,
      page: INVITATION_PAGE,
      width: INVITATION_CODE_WIDTH,
      checkPath: false,
    })
    const uploaded = await cloud.uploadFile({ cloudPath: `invitations/${id}.png`, fileContent: png })
    fileID = (uploaded as { fileID: string }).fileID
  } catch (err) {
    // The link still works; the code can be made again by inviting again.
    console.error('[network.invite] mini-program code not generated', err)
    png = null
  }
  const doc: InvitationDoc = {
    _id: id,
    unitId: unit._id,
    unitPath: [...unit.ancestors, unit._id],
    unitName: unit.name,
    unitLevel: unit.level,
    role: input.role,
    createdBy: caller.openid,
    createdByName: actorName(caller),
    createdAt: at,
    expiresAt: new Date(at.getTime() + INVITATION_TTL_MS),
    status: 'pending',
    fileID,
  }
  await from(db, invitations).insert(doc)
  return {
    invitation: invitationView(doc, at),
    scene,
    link: input.linkBase ? invitationUrl(input.linkBase, scene) : null,
    imageDataUrl: png ? `data:image/png;base64,${Buffer.from(png).toString('base64')}` : null,
  }
}

async function loadInvitation(db: Db, id: string | null): Promise<InvitationDoc> {
  const inv = id ? await from(db, invitations).byId(id) : undefined
  if (!inv) throw networkError('INVITATION_NOT_FOUND')
  return inv
}

export const cancelInvitation: Handler<'network', 'cancelInvitation'> = async (
  { id },
  { db, caller, now },
) => {
  const inv = await loadInvitation(db, id)
  requireManagerOf(caller, invitedUnit(inv))
  const at = now()
  const state = invitationState(inv, at)
  if (state === 'accepted') throw networkError('INVITATION_USED')
  if (state === 'pending') {
    const updated = await from(db, invitations).update(
      { _id: inv._id, status: 'pending' },
      { status: 'cancelled' },
    )
    if (updated === 0) throw networkError('INVITATION_USED')
  }
  return { invitation: invitationView({ ...inv, status: 'cancelled' }, at) }
}

export const invitation: Handler<'network', 'invitation'> = async ({ scene }, { db, now }) => {
  const inv = await loadInvitation(db, invitationIdFrom(scene))
  return { invitation: invitationView(inv, now()) }
}

function asCaller(user: UserRecord): Caller {
  const caller: Caller = {
    openid: user._id,
    user,
    grants: user.grants ?? [],
    roles: rolesOf(user.grants ?? []),
    load: () => Promise.resolve(caller),
  }
  return caller
}

const sameGrant = (a: RoleGrant, b: RoleGrant) => a.role === b.role && a.unitId === b.unitId

/**
 * 接受邀请. In one transaction: the invitation is read and must be pending, unexpired and from someone
 * who still manages the unit; it becomes accepted, the grant is added to the person's record and the
 * audit line written. Two people accepting one invitation both write its document, so one of them
 * conflicts, retries, and then finds it used (nothing of theirs is written). The same person accepting
 * twice is told it is already theirs.
 */
export const accept: Handler<'network', 'accept'> = async (input, { db, caller, now }) => {
  const id = invitationIdFrom(input.scene)
  const [, self] = await Promise.all([loadInvitation(db, id), caller.load()])
  const at = now()
  return inTransaction(db, async (tx) => {
    const inv = await txGet<InvitationDoc>(tx, invitations.name, id!)
    if (!inv) throw networkError('INVITATION_NOT_FOUND')
    const grant: RoleGrant = { role: inv.role, unitId: inv.unitId }
    const state = invitationState(inv, at)
    if (state === 'accepted') {
      if (inv.acceptedBy === caller.openid) return { grant, unitName: inv.unitName, already: true }
      throw networkError('INVITATION_USED')
    }
    if (state === 'expired') throw networkError('INVITATION_EXPIRED')
    if (state === 'cancelled') throw networkError('INVITATION_CANCELLED')

    const [unit, inviter, me] = await Promise.all([
      txGet<Unit>(tx, units.name, inv.unitId),
      txGet<UserRecord>(tx, users.name, inv.createdBy),
      txGet<UserRecord>(tx, users.name, caller.openid),
    ])
    if (!unit || unit.retired) throw networkError('UNIT_RETIRED')
    if (!inviter || !holdsOver(asCaller(inviter), 'manager', unit)) throw networkError('INVITATION_CANCELLED')
    if (!me) throw notFound('您的用户记录')

    const grants = me.grants ?? []
    const name = me.name ?? input.name
    await tx
      .collection(invitations.name)
      .doc(inv._id)
      .update({ data: { status: 'accepted', acceptedBy: caller.openid, acceptedAt: at } })
    await tx
      .collection(users.name)
      .doc(caller.openid)
      .update({
        data: {
          grants: grants.some((g) => sameGrant(g, grant)) ? grants : [...grants, grant],
          name,
        },
      })
    const { _id, ...line } = auditLine(
      {
        kind: 'grant',
        caller: { ...self, user: { ...self.user, name } },
        unit,
        at,
        subject: { openid: caller.openid, name },
        role: grant.role,
        invitationId: inv._id,
        detail: `接受${inv.createdByName}的邀请`,
      },
      `a-grant-${inv._id}`,
    )
    await tx.collection(auditLog.name).add({ data: { _id, ...line } })
    return { grant, unitName: unit.name, already: false }
  })
}
