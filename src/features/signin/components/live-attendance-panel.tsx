import { View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { LiveAttendance, ServiceRecordView } from '@core/contract'
import { formatClock, formatSpan } from '@core/time'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Card, Field, Note } from '@/components/card'
import { Heading } from '@/components/heading'
import { openSigninCode } from '../navigate'
import { minutesText, SERVICE_STATUS_TEXT, sessionText, signinStateText } from '../signin-text'
import { HoursEditor } from './hours-editor'
import './signin.css'

function VolunteerRow({ record }: { record: ServiceRecordView }) {
  const [current, setCurrent] = useState(record)
  useEffect(() => setCurrent(record), [record])
  const flags = [
    current.autoClosed ? '忘记签退' : '',
    current.locationOverride ? '无定位签到（专管员允许）' : '',
  ].filter(Boolean)
  return (
    <View className="signin-row" {...a11y({ role: 'listitem' })}>
      <View className="signin-row__title">{current.name ?? '志愿者'}</View>
      <View className="signin-row__line">{sessionText(current)}</View>
      <View className="signin-row__line">
        时长：{minutesText(current.minutes)}（{SERVICE_STATUS_TEXT[current.status]}）
      </View>
      {flags.length > 0 && <View className="signin-row__line">提示：{flags.join('，')}</View>}
      {current.corrections.map((c) => (
        <View key={c.at} className="signin-row__line">
          {formatClock(c.at)} {c.byName ?? '专管员'}更正为 {minutesText(c.toMinutes)}：{c.reason}
        </View>
      ))}
      <HoursEditor record={current} onSaved={setCurrent} />
    </View>
  )
}

/** 现场签到 for a manager: the atomic count, who signed in, the volunteers and their hours. */
export function LiveAttendancePanel({ live, onRefresh }: { live: LiveAttendance; onRefresh: () => void }) {
  const { activity, residents, volunteers, onDuty, serverNow } = live
  return (
    <>
      <Card label={activity.title}>
        <Heading level={3}>{activity.title}</Heading>
        <Field name="时间">{formatSpan(activity.start, activity.end)}</Field>
        <Field name="签到">{signinStateText(live.signIn, serverNow)}</Field>
        <View className="signin-count">已签到 {activity.attendedCount} 人</View>
        <Field name="志愿者">
          在岗 {onDuty} 人，共签到 {volunteers.length} 人
        </Field>
        <Field name="更新于">{formatClock(serverNow)}（每 15 秒自动更新）</Field>
      </Card>
      <View className="signin-actions">
        <Button variant="secondary" onClick={onRefresh}>
          立即刷新
        </Button>
        <Button variant="secondary" onClick={() => openSigninCode(activity._id)}>
          显示志愿者签到码
        </Button>
      </View>

      <Heading>志愿者</Heading>
      {volunteers.length === 0 ? (
        <Note>还没有志愿者签到。</Note>
      ) : (
        <View className="list" {...a11y({ role: 'list', label: '志愿者签到' })}>
          {volunteers.map((v) => (
            <VolunteerRow key={v._id} record={v} />
          ))}
        </View>
      )}

      <Heading>居民签到</Heading>
      {residents.length === 0 ? (
        <Note>还没有居民签到。</Note>
      ) : (
        <View className="list" {...a11y({ role: 'list', label: '居民签到' })}>
          {residents.map((r) => (
            <View
              key={`${r.signedInAt}-${r.name ?? ''}`}
              className="signin-row"
              {...a11y({ role: 'listitem' })}
            >
              <View className="signin-row__title">{r.name ?? '居民'}</View>
              <View className="signin-row__line">{formatClock(r.signedInAt)} 签到</View>
            </View>
          ))}
        </View>
      )}
      {residents.length < activity.attendedCount && <Note>只列出最近签到的 {residents.length} 人。</Note>}
    </>
  )
}
