import { View } from '@tarojs/components'
import { useState } from 'react'
import type { ActivityDetailAnswer } from '@core/contract'
import { readAloudText } from '@core/activities/read-aloud'
import { placesText } from '@core/activities/status'
import { Button } from '@/components/button'
import { Card, Field, Note } from '@/components/card'
import { Heading } from '@/components/heading'
import { PhoneButton } from '@/components/phone-button'
import { statusText, whenText } from '../format'
import { openActivityEditor } from '../navigation'
import { CoverImage } from './cover-image'
import { ReadAloudButton } from './read-aloud-button'
import { RegistrationPanel } from './registration-panel'
import './activities.css'

/** What a person needs to go: when, where, how to get in, whom to call; 朗读 reads it all out. */
export function ActivityDetailView({ answer }: { answer: ActivityDetailAnswer }) {
  const [registered, setRegistered] = useState(answer.registered)
  const [activity, setActivity] = useState(answer.activity)
  const now = Date.now()
  const places = placesText(activity)
  return (
    <>
      <View className="act-status">{statusText(activity, now)}</View>
      {activity.status === 'cancelled' && (
        <Note>活动已取消{activity.cancelReason ? `：${activity.cancelReason}` : '。'}</Note>
      )}
      <RegistrationPanel
        activity={activity}
        registered={registered}
        changeTemplateId={answer.changeTemplateId}
        now={now}
        onChange={(nowRegistered, registeredCount) => {
          setRegistered(nowRegistered)
          setActivity((a) => ({ ...a, registeredCount }))
        }}
      />
      <ReadAloudButton text={readAloudText(activity, now)} />
      <Card>
        <Field name="时间">{whenText(activity, now)}</Field>
        <Field name="地点">{activity.place}</Field>
        <Field name="举办单位">{activity.unitName}</Field>
        {activity.unitAddress && <Field name="地址">{activity.unitAddress}</Field>}
        <Field name="类别">{activity.category}</Field>
        {activity.theme && <Field name="本月主题">{activity.theme}</Field>}
        {activity.practiceDay && <Field name="文明实践日">这是本月文明实践日的活动</Field>}
        <Field name="报名">{activity.registrationRequired ? (places ?? '需要报名') : '无需报名'}</Field>
        {activity.volunteerSlots > 0 && <Field name="志愿者">需要 {activity.volunteerSlots} 名志愿者</Field>}
        <Field name="联系电话">{activity.contactPhone}</Field>
      </Card>
      {activity.coverUrl && <CoverImage src={activity.coverUrl} alt={`${activity.title}的封面图片`} />}
      {activity.description && (
        <>
          <Heading>活动介绍</Heading>
          <View className="act-description">{activity.description}</View>
        </>
      )}
      <PhoneButton phone={activity.contactPhone} />
      {answer.canManage && (
        <Button block onClick={() => openActivityEditor(activity._id)}>
          编辑这个活动
        </Button>
      )}
    </>
  )
}
