import { callCloud } from '@/lib/cloud'

export function correctHours(recordId: string, minutes: number, reason: string) {
  return callCloud('signin', 'correctHours', { recordId, minutes, reason })
}
