import { View } from '@tarojs/components'
import type { LandingActivity } from '@core/contract'
import { parseScene } from '@core/signin/scene'
import { formatSpan } from '@core/time'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Card, Field, Note } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { Heading } from '@/components/heading'
import { api } from '@/lib/api'
import { useMutation } from '@/lib/use-mutation'
import { CAN_SCAN_IN_APP, scanForScene } from '../scan-code'
import { attendedText, myServiceText, signinStateText } from '../signin-text'
import { NOT_A_VOLUNTEER_CODE, signInWithCode, signOutHere } from '../volunteer-sign-in-flow'
import './signin.css'

export interface ActivitySigninProps {
  activity: LandingActivity
  serverNow: number
  current: boolean
  isVolunteer: boolean
}

/** One of today's activities at the station, with 签到 for residents and sign-in/out for volunteers. */
export function ActivitySignin({ activity, serverNow, current, isVolunteer }: ActivitySigninProps) {
  const [attend, runCheckIn] = useMutation((activityId: string) => api.signin.checkIn({ activityId }))
  const [service, runService] = useMutation(async (kind: 'in' | 'out') => {
    if (kind === 'out') return signOutHere(activity._id)
    const scene = await scanForScene()
    if (scene === null) return null
    const parsed = parseScene(scene)
    if (parsed.kind !== 'volunteer') throw NOT_A_VOLUNTEER_CODE
    return signInWithCode(parsed.token, activity._id, activity.geofenceMeters !== null)
  })

  const attendedAt = attend.status === 'success' ? attend.data.signedInAt : activity.mine.attendedAt
  const open = activity.signIn.state === 'open'
  const myService =
    service.status === 'success' && service.data
      ? {
          signInAt: service.data.record.signInAt,
          signOutAt: service.data.record.signOutAt,
          minutes: service.data.record.minutes,
        }
      : activity.mine.service

  return (
    <Card label={activity.title}>
      <Heading level={3}>
        {current ? '正在进行：' : ''}
        {activity.title}
      </Heading>
      <View className="signin-status" {...a11y({ role: 'status', live: 'polite' })}>
        {attendedAt !== null ? (
          <View className="signin-status--done">
            {attend.status === 'success' && attend.data.status === 'already' ? '您已签到过，' : ''}
            {attendedText(attendedAt)}
          </View>
        ) : (
          signinStateText(activity.signIn, serverNow)
        )}
      </View>
      {attendedAt === null && open && (
        <Button
          variant="primary"
          block
          disabled={attend.status === 'pending'}
          onClick={() => runCheckIn(activity._id)}
        >
          {attend.status === 'pending' ? '正在签到…' : '签到'}
        </Button>
      )}
      {attend.status === 'error' && <ErrorNotice message={attend.error.message} />}
      {/* 签到 comes right under the title: on a small phone in elder mode it stays on the first screen */}
      <Field name="时间">{formatSpan(activity.start, activity.end)}</Field>
      <Field name="地点">{activity.place}</Field>

      {isVolunteer && (
        <>
          {myService && <View className="signin-status">{myServiceText(myService)}</View>}
          {myService && myService.signOutAt === null && (
            <Button
              variant="secondary"
              block
              disabled={service.status === 'pending'}
              onClick={() => void runService('out')}
            >
              志愿者签退
            </Button>
          )}
          {!myService && open && CAN_SCAN_IN_APP && (
            <Button variant="secondary" block onClick={() => void runService('in')}>
              志愿者签到（扫专管员的签到码）
            </Button>
          )}
          {!myService && open && !CAN_SCAN_IN_APP && (
            <Note>志愿者签到：请用手机扫描专管员手机上显示的志愿者签到码。</Note>
          )}
          {service.status === 'error' && <ErrorNotice message={service.error.message} />}
        </>
      )}
    </Card>
  )
}
