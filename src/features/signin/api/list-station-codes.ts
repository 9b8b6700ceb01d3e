import { callCloud } from '@/lib/cloud'

export function listStationCodes(unitId?: string) {
  return callCloud('codes', 'list', unitId ? { unitId } : {})
}
