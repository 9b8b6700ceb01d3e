import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'

export function useStation(id: string) {
  return useQuery(`stations:get:${id}`, () => api.stations.get({ id }))
}
