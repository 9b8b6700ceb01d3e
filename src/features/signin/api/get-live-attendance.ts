import { callCloud } from '@/lib/cloud'

export function getLiveAttendance(activityId: string) {
  return callCloud('signin', 'liveAttendance', { activityId })
}
