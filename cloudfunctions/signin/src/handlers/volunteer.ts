import { serviceRecords, signinKeys, type ServiceDoc } from '../../../../core/contract/signin.collections'
import { units } from '../../../../core/contract/stations.collections'
import { from } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import type { Db } from '../../../../server/types'
import { checkGeofence, type LatLng } from '../../../../core/signin/geofence'
import { creditedMinutes } from '../../../../core/signin/hours'
import { readToken, verifyToken } from '../../../../core/signin/token'
import { loadActivity, requireOpenWindow, signinError, toServiceView, type SigninActivity } from '../records'
import { serverHmac } from '../token-service'

const TOKEN_REFUSALS = {
  malformed: 'CODE_INVALID',
  forged: 'CODE_INVALID',
  other_activity: 'CODE_OTHER_ACTIVITY',
  expired: 'CODE_EXPIRED',
  not_yet: 'CODE_INVALID',
} as const

async function activityOfToken(db: Db, token: string): Promise<string> {
  const read = readToken(token)
  if (!read) throw signinError('CODE_INVALID')
  const key = await from(db, signinKeys).byId(read.key)
  if (!key) throw signinError('CODE_INVALID')
  return key.activityId
}

/**
 * The geofence rule, the same for 签到 and 签退: with a fence, the phone must be within it; without a
 * location only on the manager's override (for sign-out: when the session began on it).
 */
async function requireInFence(
  db: Db,
  activity: Pick<SigninActivity, '_id' | 'unitId' | 'geofenceMeters'>,
  position: LatLng | undefined,
  allowWithoutLocation: boolean,
  verb: '签到' | '签退',
): Promise<{ distanceMeters: number | null; locationOverride: boolean }> {
  if (!activity.geofenceMeters) return { distanceMeters: null, locationOverride: false }
  const unit = await from(db, units).byId(activity.unitId, { location: true })
  if (!unit) throw new Error(`${verb}: unit ${activity.unitId} of ${activity._id} is missing`)
  const fence = checkGeofence({ center: unit.location, radiusMeters: activity.geofenceMeters, position })
  if (fence.ok) return { distanceMeters: fence.distanceMeters, locationOverride: false }
  if (allowWithoutLocation) {
    // The manager's override: the volunteer stands at the manager's phone.
    return {
      distanceMeters: fence.reason === 'too_far' ? fence.distanceMeters : null,
      locationOverride: true,
    }
  }
  if (fence.reason === 'no_location') {
    if (verb === '签到') throw signinError('LOCATION_REQUIRED')
    throw signinError(
      'LOCATION_REQUIRED',
      '这场活动需要确认您在站点附近才能签退。请允许获取位置后再试；已离开站点的，活动结束时会自动签退，由专管员确认时长',
    )
  }
  const far = `您离站点约 ${Math.round(fence.distanceMeters)} 米，超出${verb}范围（${activity.geofenceMeters} 米）。`
  if (verb === '签到') throw signinError('TOO_FAR', `${far}请到站点后再扫码`)
  throw signinError('TOO_FAR', `${far}请回到站点附近再签退；已离开的，活动结束时会自动签退，由专管员确认时长`)
}

/**
 * A volunteer signs in with the rotating code on the manager's phone: the token must be this activity's,
 * of the last minute and signed with the server secret; the activity's window must be open; and when
 * the activity has a geofence, the phone must be near the unit unless the manager's code carries the
 * location override. One session per volunteer per activity (`_id` = `${activityId}_${openid}`).
 */
export const volunteerSignIn: Handler<'signin', 'volunteerSignIn'> = async (
  input,
  { db, caller, now, cloud },
) => {
  const at = now()
  const hmac = serverHmac()
  const activityId = await activityOfToken(db, input.token)
  if (input.activityId && input.activityId !== activityId) throw signinError('CODE_OTHER_ACTIVITY')
  const check = verifyToken(input.token, activityId, at, hmac)
  if (!check.ok) throw signinError(TOKEN_REFUSALS[check.reason])

  const activity = await loadActivity(db, activityId)
  requireOpenWindow(activity, at)

  const { distanceMeters, locationOverride } = await requireInFence(
    db,
    activity,
    input.position,
    check.allowWithoutLocation,
    '签到',
  )

  const record: ServiceDoc = {
    _id: serviceRecords.id(activityId, caller.openid),
    activityId,
    activityTitle: activity.title,
    unitId: activity.unitId,
    unitName: activity.unitName,
    unitPath: activity.unitPath,
    activityStart: new Date(activity.start),
    activityEnd: new Date(activity.end),
    openid: caller.openid,
    name: caller.user.name ?? null,
    signInAt: at,
    signOutAt: null,
    status: 'open',
    minutes: null,
    autoClosed: false,
    locationOverride,
    distanceMeters,
    // for the integrity timer (docs/integrity.md): one code view from one address
    clientIp: cloud.getWXContext().CLIENTIP || null,
    codeStep: check.step,
    confirmedBy: null,
    confirmedAt: null,
    corrections: [],
    revision: 0,
  }
  const insert = await from(db, serviceRecords).insertUnique(record)
  if (!insert.inserted) {
    const existing = insert.existing
    return { status: existing.status === 'open' ? 'already' : 'signed_out', record: toServiceView(existing) }
  }
  return { status: 'signed_in', record: toServiceView(record) }
}

/** 签退 (after scanning, or from 我的志愿时长; the sign-in's geofence rule applies): closes the session with the credited minutes (hours.ts). A repeat answers the closed session. */
export const volunteerSignOut: Handler<'signin', 'volunteerSignOut'> = async (
  { activityId, position },
  { db, caller, now },
) => {
  const at = now()
  const records = from(db, serviceRecords)
  const id = serviceRecords.id(activityId, caller.openid)
  const record = await records.byId(id)
  if (!record) throw signinError('NOT_SIGNED_IN')
  if (record.status !== 'open') return { status: 'signed_out', record: toServiceView(record) }
  const activity = await loadActivity(db, activityId)
  await requireInFence(db, activity, position, record.locationOverride, '签退')

  const minutes = creditedMinutes(record.signInAt, at, {
    start: record.activityStart,
    end: record.activityEnd,
  })
  const closed = await records.update(
    { _id: id, status: 'open' },
    { signOutAt: at, status: 'closed', minutes },
  )
  if (closed === 0) {
    // The timer or another tap closed it first: answer what is stored.
    const now2 = await records.byId(id)
    return { status: 'signed_out', record: toServiceView(now2 ?? record) }
  }
  return {
    status: 'signed_out',
    record: toServiceView({ ...record, signOutAt: at, status: 'closed', minutes }),
  }
}
