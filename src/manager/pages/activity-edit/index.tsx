import { useRouter } from '@tarojs/taro'
import { Note } from '@/components/card'
import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { PrivacyConsent } from '@/features/privacy/privacy-consent'
import { ActivityFormView } from '@/features/activities/components/manager/activity-form'
import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'
import { usePlanThemes } from '@/features/plans/use-plans'
import type { EditableActivity, ManagedUnit } from '@core/contract'

/** The form with the plan's month themes of the first unit's center (属于本月主题). */
function FormWithThemes({ units, editing }: { units: ManagedUnit[]; editing: EditableActivity | null }) {
  const themes = usePlanThemes(editing?.unitId ?? units[0]?._id)
  const monthThemeOf = (month: string) => themes.data?.themes.find((t) => t.month === month)?.theme ?? null
  return <ActivityFormView units={units} editing={editing} monthThemeOf={monthThemeOf} />
}

/** 发布活动, or with `?id=` 编辑活动. */
export default function ActivityEditPage() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : undefined
  const editor = useQuery(`activities:editor:${id ?? 'new'}`, () => api.activities.editor(id ? { id } : {}))
  return (
    <Page title={id ? '编辑活动' : '发布活动'}>
      <PrivacyConsent />
      <QueryView query={editor} loadingText="正在打开表单…">
        {({ units, activity }) =>
          units.length === 0 ? (
            <Note>您还不是任何单位的专管员，不能发布活动。</Note>
          ) : activity && activity.status === 'cancelled' ? (
            <Note>这个活动已取消，不能再修改。</Note>
          ) : (
            <FormWithThemes units={units} editing={activity} />
          )
        }
      </QueryView>
    </Page>
  )
}
