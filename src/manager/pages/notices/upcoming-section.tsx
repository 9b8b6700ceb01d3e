import { View } from '@tarojs/components'
import { formatClock } from '@core/time'
import { Card, Note } from '@/components/card'
import { Heading } from '@/components/heading'
import { QueryView } from '@/components/query-view'
import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'
import { dayText, whenText } from './model'

/** The coming practice day: when, its theme, when the notice goes out, and its activities. */
export function UpcomingSection({ centerId, version }: { centerId: string; version: number }) {
  const upcoming = useQuery(`notices:upcoming:${centerId}:${version}`, () =>
    api.notices.upcoming({ centerId }),
  )
  return (
    <View className="nt-section">
      <Heading>下次文明实践日</Heading>
      <QueryView query={upcoming} loadingText="正在查询下次实践日…">
        {(day) => (
          <>
            <Card label="下次文明实践日">
              <View className="nt-line">日期：{dayText(day.date)}</View>
              <View className="nt-line">主题：{day.theme ?? '未设置（提醒里写「文明实践日」）'}</View>
              <View className="nt-line">提醒发出：{whenText(day.fireAt)}</View>
            </Card>
            {day.activities.length === 0 ? (
              <Note>这一天还没有标为「文明实践日」的活动。</Note>
            ) : (
              day.activities.map((a) => (
                <Card key={a._id} label={a.title}>
                  <View className="nt-line">{a.title}</View>
                  <View className="nt-line nt-line--soft">
                    {a.unitName} · {formatClock(a.start)}–{formatClock(a.end)} · {a.place}
                  </View>
                </Card>
              ))
            )}
          </>
        )}
      </QueryView>
    </View>
  )
}
