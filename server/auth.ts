import type { Role, RoleGrant, Unit } from '../core/domain'
import { AppError } from '../core/errors'
import type { Caller } from './types'

export function rolesOf(grants: readonly RoleGrant[]): Set<Role> {
  const roles = new Set<Role>(['resident'])
  for (const g of grants) roles.add(g.role)
  return roles
}

/** Units the caller holds `role` on (each reaching its whole subtree). */
export function grantedUnitIds(caller: Caller, role: RoleGrant['role']): string[] {
  return caller.grants.filter((g) => g.role === role).map((g) => g.unitId)
}

/** True when the caller holds `role` on the unit itself or on one of its ancestors. */
export function holdsOver(
  caller: Caller,
  role: RoleGrant['role'],
  unit: Pick<Unit, '_id' | 'ancestors'>,
): boolean {
  const scope = new Set(grantedUnitIds(caller, role))
  return scope.has(unit._id) || unit.ancestors.some((id) => scope.has(id))
}

/** A manager of a unit manages everything under it (产品: 专管员 of a unit manages its subtree). */
export function requireManagerOf(caller: Caller, unit: Pick<Unit, '_id' | 'ancestors' | 'name'>): void {
  if (!holdsOver(caller, 'manager', unit)) {
    throw new AppError('FORBIDDEN', `您不是「${unit.name}」或其上级单位的专管员，无法进行此操作`)
  }
}
