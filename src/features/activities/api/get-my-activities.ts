import { callCloud } from '@/lib/cloud'

export function getMyActivities() {
  return callCloud('activities', 'mine', {})
}
