/**
 * The network context (issue 13, items 1–2): units created, edited and retired from the app; managers
 * (专管员) appointed by a single-use, expiring invitation; grants revoked; every change in an audit log.
 */
import type { RoleGrant, UnitLevel } from '../domain'
import * as z from 'zod'
import { action, fields } from './define'
import { NEARBY_DEFAULT_RADIUS_M } from './nearby'

export const NETWORK_ERRORS = {
  UNIT_NAME_TAKEN: '同一上级单位下已有同名单位，请换一个名称',
  POINT_HAS_NO_CHILDREN: '实践点下不能再建下级单位，请在实践站或上级单位下新建',
  LOCATION_OUTSIDE_CHINA: '位置不在中国境内，请在地图上重新选择，或检查经纬度是否填反',
  UNIT_RETIRED: '这个单位已撤销，不能再修改或邀请',
  RETIRE_OWN_UNIT: '不能撤销您自己负责的单位，请联系上级单位的专管员',
  HAS_FUTURE_ACTIVITIES: '这个单位还有未结束的活动，请先取消这些活动或等活动结束后再撤销',
  HAS_ACTIVE_CHILDREN: '这个单位下还有未撤销的下级单位，请先撤销它们',
  BAD_SUCCESSOR: '接续单位不可用，请选择一个未撤销的其他单位',
  INVITATION_NOT_FOUND: '邀请码无效或不完整，请让邀请人重新发送邀请',
  INVITATION_USED: '这个邀请已被使用过，每个邀请只能用一次，请联系邀请人重新邀请',
  INVITATION_EXPIRED: '邀请已过期（有效期 7 天），请联系邀请人重新邀请',
  INVITATION_CANCELLED: '邀请已被撤回或邀请人已无权邀请，请联系上级单位的专管员',
  GRANT_NOT_FOUND: '此人没有这项权限，可能已被撤销',
  SELF_REVOKE: '不能撤销自己的权限，请联系上级单位的专管员',
} as const
export type NetworkErrorCode = keyof typeof NETWORK_ERRORS

/** A unit as the manager's tree shows it. */
export interface UnitNode {
  _id: string
  name: string
  level: UnitLevel
  parentId: string | null
  address: string
  latitude: number
  longitude: number
  phone: string
  hours: string
  code: string
  radiusMeters: number
  retired: boolean
  retiredAt: number | null
  successorName: string | null
  /** units below it by level, retired ones left out (tree only; {} elsewhere) */
  below: Partial<Record<UnitLevel, number>>
}

export interface UnitTree {
  unit: UnitNode
  /** its direct children, retired ones included (marked) */
  children: UnitNode[]
  /** the caller may edit the unit (manages it or above) / retire it (manages above it) */
  canEdit: boolean
  canRetire: boolean
}

export interface HolderView {
  openid: string
  /** masked (张*明) */
  name: string
  role: RoleGrant['role']
  unitId: string
  unitName: string
  isMe: boolean
}

export interface InvitationView {
  _id: string
  unitId: string
  unitName: string
  unitLevel: UnitLevel
  role: RoleGrant['role']
  /** masked name of the manager who invited */
  invitedBy: string
  createdAt: number
  expiresAt: number
  state: 'pending' | 'accepted' | 'expired' | 'cancelled'
}

export interface AuditView {
  _id: string
  at: number
  kind: AuditKind
  actorName: string
  subjectName: string | null
  role: RoleGrant['role'] | null
  unitId: string
  unitName: string
  detail: string | null
}

export type AuditKind = 'grant' | 'revoke' | 'unit.create' | 'unit.update' | 'unit.retire'

const unitFields = {
  name: fields.text('单位名称', 40, 2),
  address: fields.text('地址', 100, 4),
  latitude: fields.latitude(),
  longitude: fields.longitude(),
  phone: z
    .string({ error: '请填写联系电话' })
    .trim()
    .regex(/^[0-9+\-\s()]{5,20}$/, '联系电话只能包含数字、空格和 + - ( )，5 到 20 位'),
  hours: fields.text('开放时间', 60, 2),
  radiusMeters: z
    .number({ error: '请填写服务圈半径' })
    .int('服务圈半径应为整数米')
    .min(100, '服务圈半径至少 100 米')
    .max(5000, '服务圈半径最多 5000 米')
    .default(NEARBY_DEFAULT_RADIUS_M),
}

const grantRole = z.enum(['manager', 'volunteer'], { error: '角色只能是专管员或志愿者' })
const scene = z.string({ error: '缺少邀请码' }).max(200, '邀请码内容太长')

export const network = {
  /** A unit with its children and how many units are below each: two queries, in parallel. */
  tree: action<UnitTree>()({
    input: z.object({ unitId: fields.id('单位编号').optional() }),
    roles: ['manager'],
  }),
  /** A new unit one level below `parentId`; a station gets its printed QR code at once. */
  createUnit: action<{ unit: UnitNode; codeScene: string | null; codeError: string | null }>()({
    input: z.object({ parentId: fields.id('上级单位'), ...unitFields }),
    roles: ['manager'],
  }),
  updateUnit: action<{ unit: UnitNode }>()({
    input: z.object({ id: fields.id('单位编号'), ...unitFields }),
    roles: ['manager'],
  }),
  /** Retires a unit (history kept); its old QR code then points people to `successorId`. */
  retireUnit: action<{ unit: UnitNode }>()({
    input: z.object({
      id: fields.id('单位编号'),
      successorId: fields.id('接续单位').nullable().default(null),
      reason: fields.text('撤销原因', 100).optional(),
    }),
    roles: ['manager'],
  }),
  /** Who holds a role on the unit or one of its direct children, and the invitations still open there. */
  holders: action<{ holders: HolderView[]; invitations: InvitationView[] }>()({
    input: z.object({ unitId: fields.id('单位编号') }),
    roles: ['manager'],
  }),
  /** A single-use invitation, valid 7 days, as a mini-program code and (for H5) a link. */
  invite: action<{
    invitation: InvitationView
    scene: string
    link: string | null
    imageDataUrl: string | null
  }>()({
    input: z.object({
      unitId: fields.id('单位编号'),
      role: z.literal('manager', { error: '目前只能邀请专管员' }).default('manager'),
      /** the H5 app's address, so the invitation can be sent as a link */
      linkBase: z.string().max(300, '地址太长').optional(),
    }),
    roles: ['manager'],
  }),
  cancelInvitation: action<{ invitation: InvitationView }>()({
    input: z.object({ id: fields.id('邀请编号') }),
    roles: ['manager'],
  }),
  /** What a scanned invitation offers, before accepting it. */
  invitation: action<{ invitation: InvitationView }>()({
    input: z.object({ scene }),
    roles: ['resident'],
  }),
  /** Accepts: the grant is added and the invitation consumed in one transaction. */
  accept: action<{ grant: RoleGrant; unitName: string; already: boolean }>()({
    input: z.object({ scene, name: fields.text('您的姓名', 20, 2) }),
    roles: ['resident'],
  }),
  revoke: action<{ revoked: true }>()({
    input: z.object({
      openid: fields.id('用户'),
      role: grantRole,
      unitId: fields.id('单位编号'),
      reason: fields.text('撤销原因', 100).optional(),
    }),
    roles: ['manager'],
  }),
  /** The audit log of a unit and everything under it, newest first, a page at a time. */
  audit: action<{ entries: AuditView[]; nextBefore: number | null }>()({
    input: z.object({
      unitId: fields.id('单位编号').optional(),
      before: z.number().int().positive().optional(),
      limit: fields.limit(100, 30),
    }),
    roles: ['manager'],
  }),
}
