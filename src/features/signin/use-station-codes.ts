import { useQuery } from '@/lib/use-query'
import { listStationCodes } from './api/list-station-codes'

export function useStationCodes(unitId?: string) {
  return useQuery(`codes:list:${unitId ?? ''}`, () => listStationCodes(unitId))
}
