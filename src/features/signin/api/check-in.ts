import { callCloud } from '@/lib/cloud'

export function checkIn(activityId: string) {
  return callCloud('signin', 'checkIn', { activityId })
}
