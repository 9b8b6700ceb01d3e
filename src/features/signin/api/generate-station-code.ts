import { callCloud } from '@/lib/cloud'

export function generateStationCode(unitId: string, regenerate = false) {
  return callCloud('codes', 'generate', { unitId, regenerate })
}
