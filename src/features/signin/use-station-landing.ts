import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'

export function useStationLanding(scene: string | null) {
  return useQuery(scene === null ? null : `signin:scanStation:${scene}`, () =>
    api.signin.scanStation({ scene: scene ?? '' }),
  )
}
