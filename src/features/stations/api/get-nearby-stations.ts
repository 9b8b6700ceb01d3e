import type { InputOf } from '@core/contract'
import { callCloud } from '@/lib/cloud'

export function getNearbyStations(input: InputOf<'stations', 'nearby'>) {
  return callCloud('stations', 'nearby', input)
}
