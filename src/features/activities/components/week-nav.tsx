import { View } from '@tarojs/components'
import { weekKey } from '@core/time'
import { shiftWeek, weekSpan } from '@core/activities/week'
import { Button } from '@/components/button'
import './activities.css'

export interface WeekNavProps {
  week: string
  onChange: (week: string) => void
}

/** 上一周 / 下一周 as buttons (never only a swipe), and 回到本周 when away from it. */
export function WeekNav({ week, onChange }: WeekNavProps) {
  const thisWeek = weekKey(Date.now())
  return (
    <>
      <View className="act-week-span">{weekSpan(week)}</View>
      <View className="act-row">
        <Button onClick={() => onChange(shiftWeek(week, -1))}>上一周</Button>
        <Button onClick={() => onChange(shiftWeek(week, 1))}>下一周</Button>
      </View>
      {week !== thisWeek && (
        <Button variant="quiet" block onClick={() => onChange(thisWeek)}>
          回到本周
        </Button>
      )}
    </>
  )
}
