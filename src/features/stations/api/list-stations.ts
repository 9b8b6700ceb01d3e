import type { InputOf } from '@core/contract'
import { callCloud } from '@/lib/cloud'

export function listStations(input: InputOf<'stations', 'list'>) {
  return callCloud('stations', 'list', input)
}
