import { callCloud } from '@/lib/cloud'

export function scanStation(scene: string) {
  return callCloud('signin', 'scanStation', { scene })
}
