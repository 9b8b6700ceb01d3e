import { callCloud } from '@/lib/cloud'

export function setGeofence(activityId: string, meters: number | null) {
  return callCloud('signin', 'setGeofence', { activityId, meters })
}
