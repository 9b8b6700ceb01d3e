import { View } from '@tarojs/components'
import { useState } from 'react'
import type { ManagedActivity, ToldSummary } from '@core/contract'
import { activityPhase } from '@core/activities/status'
import { toldText } from '@core/activities/told-text'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Card, Field, Note } from '@/components/card'
import { Heading } from '@/components/heading'
import { QueryView } from '@/components/query-view'
import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'
import { statusText, whenText } from '../../format'
import { openActivity, openActivityEditor, openRegistrants } from '../../navigation'
import { WeekNav } from '../week-nav'
import { CancelForm } from './cancel-form'

function counts(a: ManagedActivity): string {
  const people = a.registrationRequired ? `已报名 ${a.registeredCount} / ${a.capacity ?? 0} 人` : '无需报名'
  return a.volunteerSlots > 0 ? `${people}；志愿者名额 ${a.volunteerSlots} 个` : people
}

function ManagedCard({
  a,
  now,
  onCancelled,
}: {
  a: ManagedActivity
  now: number
  onCancelled: (told: ToldSummary | null) => void
}) {
  const [cancelling, setCancelling] = useState(false)
  const phase = activityPhase(a, now)
  const editable = phase !== 'cancelled' && phase !== 'ended'
  return (
    <Card label={a.title}>
      <Heading level={3}>{a.title}</Heading>
      <Field name="时间">{whenText(a, now)}</Field>
      <Field name="地点">
        {a.place}（{a.unitName}）
      </Field>
      <View className="act-count">{statusText(a, now)}</View>
      <View className="act-count">{counts(a)}</View>
      {a.told && (
        <View className="act-count">
          {a.told.kind === 'activityCancelled' ? '取消通知：' : '变更通知：'}
          {toldText(a.told)}
        </View>
      )}
      {cancelling ? (
        <CancelForm
          id={a._id}
          title={a.title}
          onBack={() => setCancelling(false)}
          onDone={(n) => {
            setCancelling(false)
            onCancelled(n)
          }}
        />
      ) : (
        <View className="act-row">
          <Button label={`查看「${a.title}」`} onClick={() => openActivity(a._id)}>
            查看
          </Button>
          {a.registrationRequired && (
            <Button label={`「${a.title}」的报名名单`} onClick={() => openRegistrants(a._id)}>
              报名名单
            </Button>
          )}
          {editable && (
            <Button label={`编辑「${a.title}」`} onClick={() => openActivityEditor(a._id)}>
              编辑
            </Button>
          )}
          {editable && (
            <Button label={`取消「${a.title}」`} onClick={() => setCancelling(true)}>
              取消活动
            </Button>
          )}
        </View>
      )}
    </Card>
  )
}

/** The manager's week: every activity of their units, with registration counts; publish, edit, cancel. */
export function ManagedWeek({ initialWeek }: { initialWeek: string }) {
  const [week, setWeek] = useState(initialWeek)
  const query = useQuery(`activities:managed:${week}`, () => api.activities.managed({ week }), {
    refreshOnShow: true,
  })
  const [notice, setNotice] = useState<string>()
  const now = Date.now()
  const cancelled = (title: string, told: ToldSummary | null) => {
    setNotice(`「${title}」已取消。${toldText(told)}`)
    query.retry()
  }
  return (
    <>
      <View {...a11y({ role: 'status', live: 'polite' })}>{notice && <Note>{notice}</Note>}</View>
      <Button variant="primary" block onClick={() => openActivityEditor()}>
        发布新活动
      </Button>
      <WeekNav week={week} onChange={setWeek} />
      <QueryView query={query} loadingText="正在加载活动…">
        {({ items, truncated }) => (
          <>
            {items.length === 0 && <Note>这一周您管理的单位还没有活动。</Note>}
            {truncated && <Note>活动太多，只列出了前 {items.length} 个。</Note>}
            {items.map((a) => (
              <ManagedCard key={a._id} a={a} now={now} onCancelled={(n) => cancelled(a.title, n)} />
            ))}
          </>
        )}
      </QueryView>
    </>
  )
}
