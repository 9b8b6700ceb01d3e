/** Whose week the list shows: one station (scanned, chosen, or opened from its page) or the 15-minute circle. */
export type ScopeChoice = { kind: 'unit'; unitId: string } | { kind: 'nearby' }

export function scopeKey(scope: ScopeChoice): string {
  return scope.kind === 'unit' ? `unit:${scope.unitId}` : 'nearby'
}

export function isScopeChoice(value: unknown): value is ScopeChoice {
  if (typeof value !== 'object' || value === null) return false
  const v = value as { kind?: unknown; unitId?: unknown }
  return v.kind === 'nearby' || (v.kind === 'unit' && typeof v.unitId === 'string' && v.unitId.length > 0)
}
