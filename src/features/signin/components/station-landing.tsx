import type { ReactNode } from 'react'
import type { StationLanding as Landing } from '@core/contract'
import { Button } from '@/components/button'
import { Card, Field, Note } from '@/components/card'
import { Heading } from '@/components/heading'
import { PhoneButton } from '@/components/phone-button'
import { openHome, openStationPage, openStationWeek } from '../navigate'
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

/**
 * Where a station's printed code lands. What is under way comes first, its 签到 within the first screen
 * even at 320 px in elder mode; then the phone, the rest of today, and the ways on: this week's
 * activities, the station's page, home.
 */
export function StationLanding({ landing, children }: StationLandingProps) {
  const { unit, activities, currentId, serverNow, isVolunteer } = landing
  const current = activities.filter((a) => a._id === currentId)
  const others = activities.filter((a) => a._id !== currentId)
  const card = (activity: Landing['activities'][number]) => (
    <ActivitySignin
      key={activity._id}
      activity={activity}
      serverNow={serverNow}
      current={underWay(activity, serverNow)}
      isVolunteer={isVolunteer}
    />
  )
  return (
    <>
      {current.map(card)}
      <PhoneButton phone={unit.phone} />
      {others.length > 0 && <Heading>{current.length > 0 ? '今天的其他活动' : '今天的活动'}</Heading>}
      {activities.length === 0 && (
        <Note>今天这里没有安排活动。可以看看本周的活动，或拨打上面的电话问问近期安排。</Note>
      )}
      {others.map(card)}
      <Card>
        <Field name="地址">{unit.address}</Field>
        <Field name="开放时间">{unit.hours}</Field>
      </Card>
      {children}
      <Heading>还可以看看</Heading>
      <Button variant="secondary" block onClick={() => void openStationWeek(unit._id)}>
        本站本周活动
      </Button>
      <Button variant="secondary" block onClick={() => void openStationPage(unit._id)}>
        站点介绍
      </Button>
      <Button variant="quiet" block onClick={() => void openHome()}>
        回到首页
      </Button>
    </>
  )
}
