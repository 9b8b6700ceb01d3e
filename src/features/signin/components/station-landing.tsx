import type { ReactNode } from 'react'
import type { StationLanding as Landing } from '@core/contract'
import { Card, Field, Note } from '@/components/card'
import { Heading } from '@/components/heading'
import { PhoneButton } from '@/components/phone-button'
import { ActivitySignin } from './activity-signin'

export interface StationLandingProps {
  landing: Landing
  /** what the page adds under the station's details, e.g. the subscribe button */
  children?: ReactNode
}

/** Under way now: several activities can run at one station at once, and each is marked so. */
function underWay(activity: Landing['activities'][number], now: number): boolean {
  return activity.status === 'published' && activity.start <= now && now < activity.end
}

/** Where a station's printed code lands: the phone, today's activities (the one under way first). */
export function StationLanding({ landing, children }: StationLandingProps) {
  const { unit, activities, currentId, serverNow, isVolunteer } = landing
  const ordered = [
    ...activities.filter((a) => a._id === currentId),
    ...activities.filter((a) => a._id !== currentId),
  ]
  return (
    <>
      <PhoneButton phone={unit.phone} />
      <Heading>今天的活动</Heading>
      {ordered.length === 0 && <Note>今天这里没有安排活动。可以拨打上面的电话问问近期安排。</Note>}
      {ordered.map((activity) => (
        <ActivitySignin
          key={activity._id}
          activity={activity}
          serverNow={serverNow}
          current={underWay(activity, serverNow)}
          isVolunteer={isVolunteer}
        />
      ))}
      <Card>
        <Field name="地址">{unit.address}</Field>
        <Field name="开放时间">{unit.hours}</Field>
      </Card>
      {children}
    </>
  )
}
