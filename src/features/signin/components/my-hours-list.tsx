import { View } from '@tarojs/components'
import { useState } from 'react'
import type { OutputOf, ServiceRecordView } from '@core/contract'
import { formatMinutes, hoursText } from '@core/signin/hours'
import { formatDayLong } from '@core/time'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Card, Field, Note } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { Heading } from '@/components/heading'
import { api } from '@/lib/api'
import { useMutation } from '@/lib/use-mutation'
import { serviceLine, sessionText } from '../signin-text'
import { signOutHere } from '../volunteer-sign-in-flow'
import { SignOutButton } from './sign-out-button'
import './signin.css'

type MyHours = OutputOf<'signin', 'myHours'>

/** One session; an open one can be signed out of right here (same geofence rule as signing in). */
function Row({ record: initial }: { record: ServiceRecordView }) {
  const [signOut, runSignOut] = useMutation(signOutHere)
  const record = signOut.status === 'success' ? signOut.data.record : initial
  const last = record.corrections[record.corrections.length - 1]
  return (
    <View className="signin-row" {...a11y({ role: 'listitem' })}>
      <View className="signin-row__title">{record.activityTitle}</View>
      <View className="signin-row__line">
        {formatDayLong(record.activityStart)} · {record.unitName}
      </View>
      <View className="signin-row__line">{sessionText(record)}</View>
      <View className="signin-row__line">{serviceLine(record)}</View>
      {last && (
        <View className="signin-row__line">
          {last.byName}更正：{last.reason}
        </View>
      )}
      <SignOutButton
        open={record.status === 'open'}
        state={signOut}
        onSignOut={() => void runSignOut(record.activityId)}
      />
    </View>
  )
}

/** 我的志愿时长: totals, then every session newest first, a page at a time. */
export function MyHoursList({ first }: { first: MyHours }) {
  const [more, setMore] = useState<ServiceRecordView[]>([])
  const [cursor, setCursor] = useState(first.nextCursor)
  const [loading, loadMore] = useMutation(async (from: string) => {
    const page = await api.signin.myHours({ cursor: from })
    setMore((rows) => [...rows, ...page.records])
    setCursor(page.nextCursor)
    return page
  })
  const { totals } = first
  const records = [...first.records, ...more]
  return (
    <>
      <Card label="累计志愿时长">
        <View className="signin-count">{hoursText(totals.minutes)} 小时</View>
        <Field name="累计服务">
          {formatMinutes(totals.minutes)}，共 {totals.records} 次
        </Field>
        <Field name="已确认">{formatMinutes(totals.confirmedMinutes)}</Field>
        <Field name="待专管员确认">{formatMinutes(totals.pendingMinutes)}</Field>
      </Card>
      <Heading>服务记录</Heading>
      {records.length === 0 ? (
        <Note>还没有服务记录。参加活动时，扫专管员手机上的志愿者签到码签到。</Note>
      ) : (
        <View className="list" {...a11y({ role: 'list', label: '服务记录' })}>
          {records.map((r) => (
            <Row key={r._id} record={r} />
          ))}
        </View>
      )}
      {cursor && (
        <Button
          variant="secondary"
          block
          disabled={loading.status === 'pending'}
          onClick={() => void loadMore(cursor)}
        >
          {loading.status === 'pending' ? '正在加载…' : '加载更多记录'}
        </Button>
      )}
      {loading.status === 'error' && <ErrorNotice message={loading.error.message} />}
    </>
  )
}
