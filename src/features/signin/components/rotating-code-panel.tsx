import { View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { GEOFENCE_CHOICES_M } from '@core/signin/geofence'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Card, Field, Note } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { Heading } from '@/components/heading'
import { Loading } from '@/components/loading'
import { api } from '@/lib/api'
import { useMutation } from '@/lib/use-mutation'
import { linkBase } from '../link-base'
import { openAttendance } from '../navigate'
import { secondsLeft } from '../signin-text'
import { useRotatingCode } from '../use-rotating-code'
import { CodeImage } from './code-image'
import './signin.css'

function useSecondsLeft(target: number, serverNow: number, receivedAt: number): number {
  const [now, setNow] = useState(Date.now())
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(tick)
  }, [])
  return secondsLeft(target, serverNow, receivedAt, now)
}

function Countdown({
  refreshAt,
  serverNow,
  receivedAt,
}: {
  refreshAt: number
  serverNow: number
  receivedAt: number
}) {
  const left = useSecondsLeft(refreshAt, serverNow, receivedAt)
  // Not a live region: a screen reader would read every second.
  return (
    <View>签到码每 30 秒更换一次，{left > 0 ? `${left} 秒后更换` : '正在更换'}。截图或照片很快失效。</View>
  )
}

/** The manager's phone at the event: the rotating volunteer code, its location options, and 现场签到. */
export function RotatingCodePanel({ activityId }: { activityId: string }) {
  const [allowWithoutLocation, setAllow] = useState(false)
  const { code, receivedAt, error } = useRotatingCode(activityId, allowWithoutLocation, linkBase())
  const [fence, runFence] = useMutation((activityId: string, meters: number | null) =>
    api.signin.setGeofence({ activityId, meters }),
  )
  const geofence = fence.status === 'success' ? fence.data.geofenceMeters : (code?.geofenceMeters ?? null)

  if (!code) return error ? <ErrorNotice message={error.message} /> : <Loading text="正在生成签到码…" />
  return (
    <>
      <Card label={code.activityTitle}>
        <Heading level={3}>{code.activityTitle}</Heading>
        <Note>请志愿者用微信扫描下方二维码签到。</Note>
        <CodeImage src={code.qrDataUrl} alt={`${code.activityTitle} 志愿者签到码`} />
        <Countdown refreshAt={code.refreshAt} serverNow={code.serverNow} receivedAt={receivedAt} />
        {error && <ErrorNotice message={`${error.message}（正在重试）`} />}
      </Card>

      <Heading>签到范围</Heading>
      <Card>
        <Field name="当前">{geofence === null ? '不限位置' : `须在站点 ${geofence} 米以内`}</Field>
        <View className="signin-actions" {...a11y({ role: 'group', label: '签到范围' })}>
          <Button pressed={geofence === null} onClick={() => void runFence(activityId, null)}>
            不限
          </Button>
          {GEOFENCE_CHOICES_M.map((m) => (
            <Button key={m} pressed={geofence === m} onClick={() => void runFence(activityId, m)}>
              {m} 米
            </Button>
          ))}
        </View>
        {fence.status === 'error' && <ErrorNotice message={fence.error.message} />}
        {geofence !== null && (
          <Button
            variant="secondary"
            block
            switchOn={allowWithoutLocation}
            onClick={() => setAllow(!allowWithoutLocation)}
          >
            允许无定位签到：{allowWithoutLocation ? '已开启' : '已关闭'}
          </Button>
        )}
        {geofence !== null && (
          <Note>
            {allowWithoutLocation
              ? '已开启：扫这个码的志愿者无需定位即可签到，只在志愿者无法定位时开启。'
              : '志愿者无法定位时，可临时开启“允许无定位签到”，让其当面扫码。'}
          </Note>
        )}
      </Card>

      <Button variant="primary" block onClick={() => openAttendance(activityId)}>
        查看现场签到情况
      </Button>
    </>
  )
}
