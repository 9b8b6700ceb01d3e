import { View } from '@tarojs/components'
import type { ActivityListItem } from '@core/contract'
import { groupWeek } from '@core/activities/week'
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

/** One column, Monday to Sunday, each day headed with its date written out (今天/明天 said in words). */
export function WeekDays({ week, items, now, onOpen }: WeekDaysProps) {
  return (
    <>
      {groupWeek(week, items, now).map((day) => {
        const heading = `${day.label}${day.relative ? `（${day.relative}）` : ''}`
        return (
          <View key={day.date} className="act-day">
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
      })}
    </>
  )
}
