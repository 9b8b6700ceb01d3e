import { callCloud } from '@/lib/cloud'

export function volunteerSignOut(activityId: string) {
  return callCloud('signin', 'volunteerSignOut', { activityId })
}
