import { callCloud } from '@/lib/cloud'

export function getStationCodeImage(unitId: string) {
  return callCloud('codes', 'image', { unitId })
}
