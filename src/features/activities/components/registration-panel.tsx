import { View } from '@tarojs/components'
import { useState } from 'react'
import type { ActivityDetail } from '@core/contract'
import { canWithdraw, registrationBlocker } from '@core/activities/status'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Note } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { api } from '@/lib/api'
import { toCloudError, type CloudCallError } from '@/lib/cloud'
import { requestSubscribe } from '@/lib/request-subscribe'

export interface RegistrationPanelProps {
  activity: ActivityDetail
  registered: boolean
  /** the 活动变更提醒 template, asked for inside the 报名 tap */
  changeTemplateId: string
  now: number
  /** the new count and whether I hold a place, after a change */
  onChange: (registered: boolean, registeredCount: number) => void
}

/** 报名 / 取消报名: one big button; withdrawing asks again in the page (no pop-up). */
export function RegistrationPanel({
  activity,
  registered,
  changeTemplateId,
  now,
  onChange,
}: RegistrationPanelProps) {
  const [busy, setBusy] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const [done, setDone] = useState<string>()
  const [error, setError] = useState<CloudCallError>()

  if (!activity.registrationRequired || activity.status === 'cancelled') {
    return activity.status === 'published' ? <Note>这个活动无需报名，到时直接参加即可。</Note> : null
  }

  const run = async (change: 'register' | 'withdraw') => {
    // wx.requestSubscribeMessage only works inside the tap: asked first, before anything is awaited
    const asked = change === 'register' ? requestSubscribe(changeTemplateId) : undefined
    setBusy(true)
    setError(undefined)
    setDone(undefined)
    try {
      const accepted = asked && (await asked) === 'accept' ? [changeTemplateId] : []
      const res =
        change === 'register'
          ? await api.activities.register({ id: activity._id, accepted })
          : await api.activities.withdraw({ id: activity._id })
      onChange(res.registered, res.registeredCount)
      const reminder = accepted.length ? '活动有变动时会发微信提醒，' : ''
      setDone(
        res.registered ? `报名成功！${reminder}请按时参加。有变动也会写在“我的消息”里。` : '已取消报名。',
      )
      setConfirming(false)
    } catch (e) {
      setError(toCloudError(e))
    } finally {
      setBusy(false)
    }
  }

  const blocker = registrationBlocker(activity, now)
  return (
    <>
      <View {...a11y({ role: 'status', live: 'polite' })}>{done && <Note>{done}</Note>}</View>
      {error && <ErrorNotice message={error.message} />}
      {registered ? (
        <>
          <Note>您已报名这个活动。</Note>
          {canWithdraw(activity, now) &&
            (confirming ? (
              <>
                <Note>确定要取消报名吗？取消后名额会让给别人。</Note>
                <View className="act-row">
                  <Button variant="primary" disabled={busy} onClick={() => run('withdraw')}>
                    确定取消报名
                  </Button>
                  <Button disabled={busy} onClick={() => setConfirming(false)}>
                    不取消
                  </Button>
                </View>
              </>
            ) : (
              <Button block disabled={busy} onClick={() => setConfirming(true)}>
                取消报名
              </Button>
            ))}
        </>
      ) : blocker ? (
        <Note>{blocker}</Note>
      ) : (
        <Button variant="primary" block disabled={busy} onClick={() => run('register')}>
          {busy ? '正在报名…' : '我要报名'}
        </Button>
      )}
    </>
  )
}
