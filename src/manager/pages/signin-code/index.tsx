import Taro, { useRouter } from '@tarojs/taro'
import { useEffect } from 'react'
import { Page } from '@/components/page'
import { ActivityPicker } from '@/features/signin/components/activity-picker'
import { RotatingCodePanel } from '@/features/signin/components/rotating-code-panel'
import { openSigninCode } from '@/features/signin/navigate'

/** The manager's phone at an event: the rotating volunteer sign-in code (or a pick of this week's activities). */
export default function SigninCodePage() {
  const { params } = useRouter()
  const activityId = params.activityId ? decodeURIComponent(params.activityId) : ''

  useEffect(() => {
    if (!activityId) return
    Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined)
    return () => {
      Taro.setKeepScreenOn({ keepScreenOn: false }).catch(() => undefined)
    }
  }, [activityId])

  return (
    <Page title="志愿者签到码">
      {activityId ? (
        <RotatingCodePanel activityId={activityId} />
      ) : (
        <ActivityPicker label="选择要签到的活动" onPick={openSigninCode} />
      )}
    </Page>
  )
}
