import type { VolunteerAnswer } from '@core/contract'
import { api } from '@/lib/api'
import { CloudCallError } from '@/lib/cloud'
import { locate } from '@/lib/location'

async function position(): Promise<{ latitude: number; longitude: number } | undefined> {
  const here = await locate()
  return here.ok ? { latitude: here.latitude, longitude: here.longitude } : undefined
}

/**
 * Signs a volunteer in with a scanned code. The location is asked for only when the activity has a
 * geofence: up front when we know it, else after the server answers LOCATION_REQUIRED (the code stays
 * valid for up to a minute, long enough to ask once more). Without a location the server's message says
 * what to do (the manager's override code).
 */
export async function signInWithCode(
  token: string,
  activityId?: string,
  needsLocation = false,
): Promise<VolunteerAnswer> {
  const first = needsLocation ? await position() : undefined
  try {
    return await api.signin.volunteerSignIn({ token, activityId, position: first })
  } catch (error) {
    if (!(error instanceof CloudCallError) || error.code !== 'LOCATION_REQUIRED' || first) throw error
    const here = await position()
    if (!here) throw error
    return api.signin.volunteerSignIn({ token, activityId, position: here })
  }
}

export const NOT_A_VOLUNTEER_CODE = new CloudCallError(
  'SCENE_INVALID',
  '这不是志愿者签到码，请扫描专管员手机上显示的签到码',
)

/**
 * 签退 from anywhere (我的志愿时长, or the page after scanning). The location is asked for only when
 * the server answers LOCATION_REQUIRED (the activity has a geofence); its message says what to do
 * when there is none.
 */
export async function signOutHere(activityId: string): Promise<VolunteerAnswer> {
  try {
    return await api.signin.volunteerSignOut({ activityId })
  } catch (error) {
    if (!(error instanceof CloudCallError) || error.code !== 'LOCATION_REQUIRED') throw error
    const here = await position()
    if (!here) throw error
    return api.signin.volunteerSignOut({ activityId, position: here })
  }
}
