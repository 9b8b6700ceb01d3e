import { View } from '@tarojs/components'
import { useEffect } from 'react'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { Loading } from '@/components/loading'
import { useSubscribeStore } from './store'
import { buttonView } from './subscribe-state'
import './subscribe.css'

/**
 * 订阅文明实践日提醒: one tap asks WeChat for one notice (a one-time subscription allows one message).
 * It says what is true, naming the coming practice day's month: 已订阅12月文明实践日提醒 while a credit
 * is held, 点此订阅12月文明实践日提醒 once it was used.
 * `stationId`: the station the reader is looking at; subscribing here makes the notice name its activities.
 */
export function SubscribeButton({ stationId }: { stationId?: string }) {
  const { status, subscription, errorText, busy, note, load, subscribe } = useSubscribeStore()

  useEffect(() => {
    void load(stationId)
  }, [load, stationId])

  if (status === 'idle' || status === 'loading') return <Loading text="正在查询实践日提醒…" />
  if (status === 'error' || !subscription) {
    return <ErrorNotice message={errorText ?? '没能查到实践日提醒'} onRetry={() => void load(stationId)} />
  }
  const view = buttonView(subscription)
  return (
    <Card label="文明实践日提醒">
      <View className="sub-day">{view.dayLine}</View>
      {view.subscribed ? (
        <View className="sub-done" {...a11y({ role: 'status' })}>
          ✓ {view.text}
        </View>
      ) : (
        <Button variant="primary" block disabled={busy} onClick={() => void subscribe(stationId)}>
          {busy ? '正在订阅…' : view.text}
        </Button>
      )}
      {view.placeLine && <View className="sub-line">{view.placeLine}</View>}
      <View {...a11y({ role: 'status', live: 'polite' })}>
        {note && <View className={`sub-note sub-note--${note.kind}`}>{note.text}</View>}
      </View>
    </Card>
  )
}
