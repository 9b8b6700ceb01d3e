import { View } from '@tarojs/components'
import { useEffect } from 'react'
import { formatClock } from '@core/time'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Card, Field } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { Loading } from '@/components/loading'
import { openMyHours } from '../navigate'
import { minutesText, SERVICE_STATUS_TEXT } from '../signin-text'
import { useMutation } from '@/lib/use-mutation'
import { signInWithCode, signOutHere } from '../volunteer-sign-in-flow'
import { SignOutButton } from './sign-out-button'
import './signin.css'

const HEADLINE = {
  signed_in: '签到成功',
  already: '您已签到',
  signed_out: '您已签退',
} as const

/** A scanned volunteer code (v=…): signs in at once, then offers 签退. */
export function VolunteerCode({ token }: { token: string }) {
  const [signIn, runSignIn] = useMutation(signInWithCode)
  const [signOut, runSignOut] = useMutation(signOutHere)

  useEffect(() => {
    void runSignIn(token)
  }, [token, runSignIn])

  if (signIn.status === 'error') return <ErrorNotice message={signIn.error.message} />
  if (signIn.status !== 'success') return <Loading text="正在签到…" />

  const answer = signOut.status === 'success' ? signOut.data : signIn.data
  const { record } = answer
  return (
    <>
      <View className="signin-status signin-status--done" {...a11y({ role: 'status', live: 'polite' })}>
        {HEADLINE[answer.status]}
      </View>
      <Card label={record.activityTitle}>
        <Field name="活动">{record.activityTitle}</Field>
        <Field name="站点">{record.unitName}</Field>
        <Field name="签到时间">{formatClock(record.signInAt)}</Field>
        {record.signOutAt !== null && <Field name="签退时间">{formatClock(record.signOutAt)}</Field>}
        <Field name="服务时长">{minutesText(record.minutes)}</Field>
        <Field name="状态">{SERVICE_STATUS_TEXT[record.status]}</Field>
      </Card>
      <SignOutButton
        open={record.status === 'open'}
        state={signOut}
        onSignOut={() => void runSignOut(record.activityId)}
      />
      <Button variant="quiet" block onClick={openMyHours}>
        查看我的志愿时长
      </Button>
    </>
  )
}
