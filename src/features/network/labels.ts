import type { AuditView, UnitNode } from '@core/contract'
import { UNIT_LEVELS, type RoleGrant, type UnitLevel } from '@core/domain'
import { formatClock, formatDate } from '@core/time'

export const LEVEL_SHORT: Record<UnitLevel, string> = {
  center: '中心',
  institute: '所',
  station: '站',
  point: '点',
}
export const ROLE_NAMES: Record<RoleGrant['role'], string> = { manager: '专管员', volunteer: '志愿者' }

/** "下设 3 个所、12 个站、3 个点" */
export function belowText(below: UnitNode['below']): string {
  const parts = UNIT_LEVELS.filter((l) => below[l]).map((l) => `${below[l]} 个${LEVEL_SHORT[l]}`)
  return parts.length ? `下设 ${parts.join('、')}` : '暂无下级单位'
}

const KIND_TEXT: Record<AuditView['kind'], string> = {
  grant: '授予',
  revoke: '撤销',
  'unit.create': '新建单位',
  'unit.update': '修改单位',
  'unit.retire': '撤销单位',
}

/** One audit line in words: "陈* 撤销 刘*国 的专管员权限（幸福里社区…）" */
export function auditText(a: AuditView): string {
  if (a.kind === 'grant' || a.kind === 'revoke') {
    const role = a.role ? ROLE_NAMES[a.role] : '角色'
    return `${a.actorName} ${KIND_TEXT[a.kind]} ${a.subjectName ?? '某人'} 「${a.unitName}」的${role}权限`
  }
  return `${a.actorName} ${KIND_TEXT[a.kind]}「${a.unitName}」`
}

/** "2026-11-26 上午8:05", in Shanghai time (core/time) */
export function when(ms: number): string {
  return `${formatDate(ms)} ${formatClock(ms)}`
}
