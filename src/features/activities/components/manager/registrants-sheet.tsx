import { View } from '@tarojs/components'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Card, Field, Note } from '@/components/card'
import { Heading } from '@/components/heading'
import { List } from '@/components/list-item'
import { PhoneButton } from '@/components/phone-button'
import { QueryView } from '@/components/query-view'
import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'
import { whenText } from '../../format'
import { canPrint, printPage } from '../../print-page'

/**
 * 报名名单 / 签到表: everyone who registered, with the name and phone they gave, one tap to call, and a
 * blank 签到 line per person when printed. Managers of the unit or above only (the function checks).
 */
export function RegistrantsSheet({ id }: { id: string }) {
  const query = useQuery(`activities:registrants:${id}`, () => api.activities.registrants({ id }))
  return (
    <QueryView query={query} loadingText="正在加载报名名单…">
      {({ activity, items, truncated, serverNow }) => (
        <>
          <Heading>{activity.title}</Heading>
          <Field name="时间">{whenText(activity, serverNow)}</Field>
          <Field name="地点">
            {activity.place}（{activity.unitName}）
          </Field>
          <Note>
            {truncated
              ? `共 ${activity.registeredCount} 人报名。人数太多，这里只列出最先报名的 ${items.length} 位。`
              : `共 ${items.length} 人报名。`}
          </Note>
          {canPrint ? (
            <View className="act-no-print">
              <Button block onClick={printPage}>
                打印签到表
              </Button>
            </View>
          ) : (
            <Note>在电脑上打开本页可以打印签到表。</Note>
          )}
          {items.length === 0 ? (
            <Note>还没有人报名。</Note>
          ) : (
            <List label="报名名单">
              {items.map((r, i) => (
                <View key={`${i}-${r.registeredAt}`} {...a11y({ role: 'listitem' })}>
                  <Card label={`第 ${i + 1} 位：${r.name ?? '未留姓名'}`}>
                    <Field name={`${i + 1}. 姓名`}>{r.name ?? '未留姓名'}</Field>
                    <Field name="电话">{r.phone ?? '未留电话'}</Field>
                    <View className="act-sign-line">签到：</View>
                    {r.phone && (
                      <View className="act-no-print">
                        <PhoneButton phone={r.phone} />
                      </View>
                    )}
                  </Card>
                </View>
              ))}
            </List>
          )}
        </>
      )}
    </QueryView>
  )
}
