import { useQuery } from '@/lib/use-query'
import { scanStation } from './api/scan-station'

export function useStationLanding(scene: string | null) {
  return useQuery(scene === null ? null : `signin:scanStation:${scene}`, () => scanStation(scene ?? ''))
}
