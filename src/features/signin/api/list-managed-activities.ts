import { callCloud } from '@/lib/cloud'

/** The manager's activities of this week (activities.managed), to pick one for the code or the live list. */
export function listManagedActivities() {
  return callCloud('activities', 'managed', {})
}
