import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'

export function useStationCodes(unitId?: string) {
  return useQuery(`codes:list:${unitId ?? ''}`, () => api.codes.list(unitId ? { unitId } : {}))
}
