import type { ActivityListItem } from '@core/contract'
import { Card, Field } from '@/components/card'
import { statusText, whenText } from '../format'

/** What the saved weekly list already knows about an activity, shown while its page loads. */
export function ActivityPreview({ item }: { item: ActivityListItem }) {
  const now = Date.now()
  return (
    <Card>
      <Field name="时间">{whenText(item, now)}</Field>
      <Field name="地点">{item.place}</Field>
      <Field name="举办单位">{item.unitName}</Field>
      <Field name="状态">{statusText(item, now).replace(/^状态：/, '')}</Field>
    </Card>
  )
}
