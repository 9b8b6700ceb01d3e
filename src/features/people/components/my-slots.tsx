import type { OutputOf } from '@core/contract'
import { Note } from '@/components/card'
import { Heading } from '@/components/heading'
import { List, ListItem } from '@/components/list-item'
import { serviceLine, slotWhen } from '../format'
import { openActivityPage } from '../navigate'

/** 我的志愿者岗位: upcoming sign-ups, and past ones with the hours each earned. */
export function MySlots({ slots }: { slots: OutputOf<'people', 'mySlots'> }) {
  return (
    <>
      <Heading>我报名的志愿者岗位</Heading>
      {!slots.upcoming.length && !slots.past.length && <Note>还没有报名志愿者岗位。</Note>}
      {[...slots.upcoming, ...slots.past].length > 0 && (
        <List label="志愿者岗位">
          {[...slots.upcoming, ...slots.past].map((s) => (
            <ListItem
              key={s.activityId}
              title={s.title}
              lines={[slotWhen(s), `${s.unitName} · ${serviceLine(s.service)}`]}
              onOpen={() => openActivityPage(s.activityId)}
            />
          ))}
        </List>
      )}
    </>
  )
}
