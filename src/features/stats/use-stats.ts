import type { PeriodKind } from '@core/contract'
import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'

/** A unit's figures for the period holding `date` (YYYY-MM-DD, Shanghai); loaded again when shown again. */
export function useStatsReport(unitId: string, period: PeriodKind, date: string) {
  return useQuery(
    `stats:report:${unitId}:${period}:${date}`,
    () => api.stats.report({ unitId, period, date }),
    {
      refreshOnShow: true,
    },
  )
}

/** The names of the units I manage, for the picker when there are several (network.tree of each). */
export function useUnitNames(unitIds: string[]) {
  return useQuery(unitIds.length > 1 ? `stats:units:${unitIds.join(',')}` : null, () =>
    Promise.all(unitIds.map((unitId) => api.network.tree({ unitId }).then((t) => t.unit.name))),
  )
}
