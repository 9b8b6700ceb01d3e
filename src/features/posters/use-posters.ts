import type { WeeklyPoster } from '@core/contract'
import { api } from '@/lib/api'
import { useMutation } from '@/lib/use-mutation'

/** 生成海报: the server draws the unit's week (default next week) and answers a temporary link. */
export function useWeeklyPoster() {
  return useMutation((unitId: string, week?: string): Promise<WeeklyPoster> =>
    api.posters.weekly(week ? { unitId, week } : { unitId }),
  )
}
