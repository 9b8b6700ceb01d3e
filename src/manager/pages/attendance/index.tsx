import { useRouter } from '@tarojs/taro'
import { ErrorNotice } from '@/components/error-notice'
import { Loading } from '@/components/loading'
import { Page } from '@/components/page'
import { ActivityPicker } from '@/features/signin/components/activity-picker'
import { LiveAttendancePanel } from '@/features/signin/components/live-attendance-panel'
import { openAttendance } from '@/features/signin/navigate'
import { useLiveAttendance } from '@/features/signin/use-live-attendance'

function Live({ activityId }: { activityId: string }) {
  const { query, last, refresh } = useLiveAttendance(activityId)
  if (last) {
    return (
      <>
        {query.status === 'error' && <ErrorNotice message={`${query.error.message}（显示的是上次的数据）`} />}
        <LiveAttendancePanel live={last} onRefresh={refresh} />
      </>
    )
  }
  if (query.status === 'error') return <ErrorNotice message={query.error.message} onRetry={query.retry} />
  return <Loading text="正在查询签到情况…" />
}

/** 现场签到: who signed in, the count, volunteers on duty, and their hours to confirm. */
export default function AttendancePage() {
  const { params } = useRouter()
  const activityId = params.activityId ? decodeURIComponent(params.activityId) : ''
  return (
    <Page title="现场签到">
      {activityId ? (
        <Live activityId={activityId} />
      ) : (
        <ActivityPicker label="选择活动" onPick={openAttendance} />
      )}
    </Page>
  )
}
