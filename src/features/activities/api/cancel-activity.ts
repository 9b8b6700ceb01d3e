import { callCloud } from '@/lib/cloud'

export function cancelActivity(id: string, reason: string) {
  return callCloud('activities', 'cancel', { id, reason })
}
