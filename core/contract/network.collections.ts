/** The network context's collections: invitations, the audit log, and the per-parent unit name claims. */
import type { RoleGrant, UnitLevel } from '../domain'
import type { AuditKind } from './network'
import { collection } from './collection'

/** 邀请: single-use, expiring; `_id` is the 24-character id the scene carries (`i=<id>`). */
export interface InvitationDoc {
  _id: string
  unitId: string
  /** the unit's ancestors + itself: "invitations in a subtree" as one indexed equality */
  unitPath: string[]
  unitName: string
  unitLevel: UnitLevel
  role: RoleGrant['role']
  createdBy: string
  createdByName: string
  createdAt: Date
  expiresAt: Date
  status: 'pending' | 'accepted' | 'cancelled'
  acceptedBy?: string
  acceptedAt?: Date
  /** cloud-storage fileID of the mini-program code */
  fileID?: string | null
}

/** One line per grant, revocation and unit change: who, whom, what, when. Never updated. */
export interface AuditDoc {
  _id: string
  at: Date
  kind: AuditKind
  actor: string
  actorName: string
  subject: string | null
  subjectName: string | null
  role: RoleGrant['role'] | null
  unitId: string
  unitName: string
  /** the unit's ancestors + itself: managers of any of them read the line */
  unitPath: string[]
  invitationId: string | null
  detail: string | null
}

/** `_id` = `<parentId>/<name key>`: one live unit of a name under a parent, race-free (insert-unique). */
export interface UnitNameDoc {
  _id: string
  unitId: string
}

export const invitations = collection<InvitationDoc>()({
  name: 'invitations',
  description: 'Single-use, expiring invitations to a role on a unit (_id is the id in the scene i=<id>).',
  indexes: [{ name: 'unitPath_status', keys: { unitPath: 1, status: 1 } }],
})

export const auditLog = collection<AuditDoc>()({
  name: 'audit_log',
  description: 'Every grant, revocation and unit change (who, whom, what, when); read by managers above.',
  indexes: [{ name: 'unitPath_at', keys: { unitPath: 1, at: -1 } }],
})

export const unitNames = collection<UnitNameDoc>()({
  name: 'unit_names',
  description: 'Claims one live unit name per parent (_id = parentId/name): duplicate names fail on insert.',
  indexes: [],
  id: (parentId: string, key: string): string => `${parentId}/${key}`,
})
