import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'

/** A center's plan for a year (the caller's center); loaded again when the page is shown again. */
export function usePlan(year: string) {
  return useQuery(`plans:get:${year}`, () => api.plans.get({ year }), { refreshOnShow: true })
}

/** A unit's month: the plan against what was held (the caller's first unit when none is given). */
export function useMonthReport(unitId: string | undefined, month: string) {
  return useQuery(
    `plans:month:${unitId ?? ''}:${month}`,
    () => api.plans.month(unitId ? { unitId, month } : { month }),
    { refreshOnShow: true },
  )
}

/** The month themes of the unit's center (the publish form's 属于本月主题); null while there is no unit. */
export function usePlanThemes(unitId: string | undefined) {
  return useQuery(unitId ? `plans:themes:${unitId}` : null, () => api.plans.themes({ unitId: unitId! }))
}
