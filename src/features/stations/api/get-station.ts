import { callCloud } from '@/lib/cloud'

export function getStation(id: string) {
  return callCloud('stations', 'get', { id })
}
