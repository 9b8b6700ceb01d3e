/** Demo data of the network context: one invitation still open and the audit lines of how the demo managers came to be. */
import type { AuditDoc, InvitationDoc } from '../../core/contract/network.collections'
import { DEMO_IDENTITIES, DEMO_IDS } from './county'

const DAY = 86_400_000

/** An invitation to manage 文昌社区 station, sent by the center admin two days ago (scene `i=<this>`). */
export const DEMO_INVITATION_ID = 'demo-invite-qh-s02-00001'

export function demoInvitations(now: Date): InvitationDoc[] {
  const sent = now.getTime() - 2 * DAY
  return [
    {
      _id: DEMO_INVITATION_ID,
      unitId: 'u-qh-s02',
      unitPath: [DEMO_IDS.center, 'u-qh-i01', 'u-qh-s02'],
      unitName: '文昌社区新时代文明实践站',
      unitLevel: 'station',
      role: 'manager',
      createdBy: DEMO_IDENTITIES.centerAdmin,
      createdByName: '陈明',
      createdAt: new Date(sent),
      expiresAt: new Date(sent + 7 * DAY),
      status: 'pending',
      fileID: null,
    },
  ]
}

export function demoAuditLog(now: Date): AuditDoc[] {
  const line = (days: number, over: Partial<AuditDoc> & Pick<AuditDoc, '_id' | 'kind'>): AuditDoc => ({
    at: new Date(now.getTime() - days * DAY),
    actor: DEMO_IDENTITIES.centerAdmin,
    actorName: '陈明',
    subject: null,
    subjectName: null,
    role: null,
    unitId: DEMO_IDS.firstStation,
    unitName: '幸福里社区新时代文明实践站',
    unitPath: [DEMO_IDS.center, 'u-qh-i01', DEMO_IDS.firstStation],
    invitationId: null,
    detail: null,
    ...over,
  })
  return [
    line(30, { _id: 'a-demo-001', kind: 'unit.update', detail: '修改了开放时间' }),
    line(28, {
      _id: 'a-demo-002',
      kind: 'grant',
      actor: DEMO_IDENTITIES.stationManager,
      actorName: '刘建国',
      subject: DEMO_IDENTITIES.stationManager,
      subjectName: '刘建国',
      role: 'manager',
      detail: '接受陈明的邀请',
    }),
  ]
}
