/** Data hooks of the credit admin pages (manager subpackage only). */
import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'

/**
 * The center the caller works under: `centerId` from the page's link, else the center of the first unit
 * they manage (itself when it is a center, else the top of its chain).
 */
export function useCenterId(given: string | undefined, managedUnitId: string | null) {
  return useQuery(
    given ? `credit:center:${given}` : managedUnitId ? `credit:center-of:${managedUnitId}` : null,
    async () => {
      if (given) return given
      const detail = await api.stations.get({ id: managedUnitId! })
      return detail.chain[0]?._id ?? detail.unit._id
    },
  )
}

/** A unit's name for a heading (the manager's own unit). */
export function useUnitName(unitId: string | null) {
  return useQuery(
    unitId ? `credit:unit:${unitId}` : null,
    async () => (await api.stations.get({ id: unitId! })).unit.name,
  )
}

export function useRules(centerId: string | null) {
  return useQuery(centerId ? `credit:rules:${centerId}` : null, () =>
    api.credit.rules({ centerId: centerId! }),
  )
}

export function useStarSettings(centerId: string | null) {
  return useQuery(centerId ? `credit:stars-settings:${centerId}` : null, () =>
    api.credit.starSettings({ centerId: centerId! }),
  )
}

/** 星级志愿者 under the caller's units: pending, in 公示, awarded. */
export function useStarQueue() {
  return useQuery('credit:star-queue', () => api.credit.starQueue({}), { refreshOnShow: true })
}
