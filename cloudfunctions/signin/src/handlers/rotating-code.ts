import { activities } from '../../../../core/contract/activities.collections'
import { signinKeys } from '../../../../core/contract/signin.collections'
import { AppError } from '../../../../core/errors'
import { requireManagerOf } from '../../../../server/auth'
import { from } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import type { Db } from '../../../../server/types'
import { scanUrl, volunteerScene } from '../../../../core/signin/scene'
import { activityKey, issueToken } from '../../../../core/signin/token'
import { signInState } from '../../../../core/signin/window'
import { holdingUnit } from '../../../../server/units'
import { loadActivity, signinError } from '../records'
import { serverHmac } from '../token-service'

/** Makes sure the token's 8-char key leads back to the activity (one read once the key exists). */
async function ensureKey(db: Db, key: string, activityId: string, at: Date): Promise<void> {
  const keys = from(db, signinKeys)
  let stored = await keys.byId(key)
  if (!stored) {
    const insert = await keys.insertUnique({ _id: key, activityId, createdAt: at })
    stored = insert.inserted ? undefined : insert.existing
  }
  if (stored && stored.activityId !== activityId) {
    // 48-bit keys: about one chance in 14 000 over a year of 200 000 activities. Refuse, never mix them.
    console.error(`[signin] key collision: ${key} holds ${stored.activityId}, wanted by ${activityId}`)
    throw new AppError('CONFLICT', '签到码生成冲突，请联系管理员')
  }
}

/**
 * The manager's rotating volunteer code. The screen asks again at `refreshAt` (every 30 s); each code
 * is accepted for at most 60 s (core/signin/token.ts). The QR image is drawn here, so the secret-derived
 * token is all that crosses the wire and the client needs no QR library.
 */
export const rotatingCode: Handler<'signin', 'rotatingCode'> = async (input, { db, caller, now }) => {
  const at = now()
  const hmac = serverHmac()
  const activity = await loadActivity(db, input.activityId)
  requireManagerOf(caller, holdingUnit(activity))
  const state = signInState(activity, at)
  if (state === 'cancelled') throw new AppError('ACTIVITY_CANCELLED', '活动已取消，无需签到')
  if (state === 'closed') throw signinError('SIGNIN_CLOSED')

  await ensureKey(db, activityKey(activity._id, hmac), activity._id, at)
  const issued = issueToken(
    { activityId: activity._id, now: at, allowWithoutLocation: input.allowWithoutLocation },
    hmac,
  )
  const scene = volunteerScene(issued.token)
  const content = input.linkBase ? scanUrl(input.linkBase, scene) : scene
  return {
    activityId: activity._id,
    activityTitle: activity.title,
    scene,
    content,
    // loaded on first use: qrcode and pngjs are a third of the bundle and only this action draws (issue 9)
    qrDataUrl: (await import('../../../../server/qr-png')).qrPngDataUrl(content),
    allowWithoutLocation: input.allowWithoutLocation,
    geofenceMeters: activity.geofenceMeters ?? null,
    refreshAt: issued.refreshAt.getTime(),
    expiresAt: issued.expiresAt.getTime(),
    serverNow: at.getTime(),
  }
}

/** Turns the volunteer geofence of an activity on (metres around its unit) or off. Writes only that field. */
export const setGeofence: Handler<'signin', 'setGeofence'> = async (input, { db, caller }) => {
  const activity = await loadActivity(db, input.activityId)
  requireManagerOf(caller, holdingUnit(activity))
  await from(db, activities).update({ _id: activity._id }, { geofenceMeters: input.meters })
  return { geofenceMeters: input.meters }
}
