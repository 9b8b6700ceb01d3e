import { callCloud } from '@/lib/cloud'

export function volunteerSignOut(
  activityId: string,
  position?: { latitude: number; longitude: number; accuracy?: number },
) {
  return callCloud('signin', 'volunteerSignOut', position ? { activityId, position } : { activityId })
}
