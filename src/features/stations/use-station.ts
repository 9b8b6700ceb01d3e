import { useQuery } from '@/lib/use-query'
import { getStation } from './api/get-station'

export function useStation(id: string) {
  return useQuery(`stations:get:${id}`, () => getStation(id))
}
