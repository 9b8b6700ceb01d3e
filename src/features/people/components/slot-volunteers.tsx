import type { OutputOf } from '@core/contract'
import { Card, Field, Note } from '@/components/card'
import { serviceLine } from '../format'
import { slotsLine } from './slot-panel'

/** Who is coming (managers): names and phones in full, and what each sign-up has earned so far. */
export function SlotVolunteers({ answer }: { answer: OutputOf<'people', 'slotVolunteers'> }) {
  return (
    <>
      <Note>{slotsLine(answer.slots)}</Note>
      {!answer.volunteers.length && <Note>还没有志愿者报名。</Note>}
      {answer.volunteers.map((v) => (
        <Card key={v.volunteerNumber} label={v.name}>
          <Field name="志愿者">
            {v.name}（编号 {v.volunteerNumber}）
          </Field>
          <Field name="手机号">{v.phone}</Field>
          <Field name="签到与时长">{serviceLine(v.service)}</Field>
        </Card>
      ))}
    </>
  )
}
