import type { PeriodKind } from '@core/contract'
import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'
import { loadSubtree } from './subtree'

/** The month's report of the unit (stats.report: figures, orders, children ranked). */
export function useCockpitReport(unitId: string, date: string, period: PeriodKind = 'month') {
  return useQuery(`stats:report:${unitId}:${period}:${date}`, () =>
    api.stats.report({ unitId, period, date }),
  )
}

/** The units of the subtree with their positions (network.tree, level by level). */
export function useSubtree(unitId: string) {
  return useQuery(`desk:subtree:${unitId}`, () =>
    loadSubtree(unitId, (id) => api.network.tree({ unitId: id })),
  )
}
