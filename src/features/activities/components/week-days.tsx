import { View } from '@tarojs/components'
import { useState } from 'react'
import type { ActivityListItem } from '@core/contract'
import { groupWeek, openAtToday, type DayGroup } from '@core/activities/week'
import { Button } from '@/components/button'
import { Heading } from '@/components/heading'
import { List, ListItem } from '@/components/list-item'
import { itemLines } from '../format'
import './activities.css'

export interface WeekDaysProps {
  week: string
  items: ActivityListItem[]
  now: number
  onOpen: (id: string) => void
}

function Day({
  day,
  now,
  onOpen,
}: {
  day: DayGroup<ActivityListItem>
  now: number
  onOpen: (id: string) => void
}) {
  const heading = `${day.label}${day.relative ? `（${day.relative}）` : ''}`
  return (
    <View className="act-day">
      <Heading>{heading}</Heading>
      {day.items.length === 0 ? (
        <View className="act-day__empty">这天没有活动</View>
      ) : (
        <List label={`${heading}的活动`}>
          {day.items.map((item) => (
            <ListItem
              key={item._id}
              title={item.title}
              lines={itemLines(item, now)}
              onOpen={() => onOpen(item._id)}
            />
          ))}
        </List>
      )}
    </View>
  )
}

/**
 * One column, each day headed with its date written out (今天/明天 said in words). This week opens at
 * today: the days already over come after a button, not first (an elder reads from the top).
 */
export function WeekDays({ week, items, now, onOpen }: WeekDaysProps) {
  const [showEarlier, setShowEarlier] = useState(false)
  const { earlier, shown } = openAtToday(groupWeek(week, items, now))
  const count = earlier.reduce((n, d) => n + d.items.length, 0)
  return (
    <>
      {earlier.length > 0 && (
        <Button block onClick={() => setShowEarlier((v) => !v)}>
          {showEarlier ? '收起本周已过去的日子' : `看本周已过去的日子（${count} 个活动）`}
        </Button>
      )}
      {showEarlier && earlier.map((day) => <Day key={day.date} day={day} now={now} onOpen={onOpen} />)}
      {shown.map((day) => (
        <Day key={day.date} day={day} now={now} onOpen={onOpen} />
      ))}
    </>
  )
}
