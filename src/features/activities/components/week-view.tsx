import { useState } from 'react'
import { weekTitle, weekStartOf } from '@core/activities/week'
import { Button } from '@/components/button'
import { Note } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { Loading } from '@/components/loading'
import { PhoneButton } from '@/components/phone-button'
import { isRetryable } from '@/lib/cloud'
import { radiusText, savedAgo } from '../format'
import { openActivity } from '../navigation'
import type { ScopeChoice } from '../scope'
import { useRefreshOnShow } from '@/lib/use-refresh-on-show'
import { useWeekList } from '../use-week-list'
import { ScopeChooser } from './scope-chooser'
import { WeekDays } from './week-days'
import { WeekNav } from './week-nav'

export interface WeekViewProps {
  scope: ScopeChoice | null
  week: string
  onScope: (scope: ScopeChoice) => void
  onWeek: (week: string) => void
}

export function weekPageTitle(week: string): string {
  const title = weekTitle(weekStartOf(week), Date.now())
  return title.length === 2 ? `${title}活动` : `${title}的活动`
}

/** 每周活动预告: the place, the week's buttons, then the days; a saved list shows while the fresh one loads. */
export function WeekView({ scope, week, onScope, onWeek }: WeekViewProps) {
  const [choosing, setChoosing] = useState(scope === null)
  const view = useWeekList(choosing ? null : scope, week)
  useRefreshOnShow(view.retry)
  const now = Date.now()

  if (choosing || scope === null) {
    return (
      <ScopeChooser
        onChoose={(next) => {
          setChoosing(false)
          onScope(next)
        }}
      />
    )
  }

  const { list, savedAt, refreshing, problem, retry } = view
  const place =
    list?.scope.kind === 'unit'
      ? list.scope.name
      : list?.scope.kind === 'nearby'
        ? `您附近 ${radiusText(list.scope.radiusMeters)} 内的实践站（${list.scope.stations.length} 个）`
        : scope.kind === 'nearby'
          ? '您附近的实践站'
          : ''
  return (
    <>
      {place && <Note>地点：{place}</Note>}
      <Button variant="quiet" block onClick={() => setChoosing(true)}>
        换个地方看看
      </Button>
      <WeekNav week={week} onChange={onWeek} />
      {refreshing && <Loading text={list ? '正在更新…' : '正在加载活动…'} />}
      {!refreshing && list && savedAt !== undefined && problem && (
        <Note>网络不太好，下面是{savedAgo(savedAt, now)}保存的活动，可能不是最新的。</Note>
      )}
      {problem?.kind === 'no-location' && (
        <>
          <Note>
            {problem.reason === 'denied'
              ? '您没有允许使用位置，无法查找附近的活动。请选择一个实践站。'
              : '暂时无法获取您的位置。请选择一个实践站，或稍后重试。'}
          </Note>
          <Button variant="primary" block onClick={() => setChoosing(true)}>
            选择实践站
          </Button>
        </>
      )}
      {problem?.kind === 'error' && (
        <ErrorNotice
          message={problem.error.message}
          onRetry={isRetryable(problem.error) ? retry : undefined}
        />
      )}
      {list && (
        <>
          {list.items.length === 0 && <Note>这一周还没有发布活动。</Note>}
          {list.truncated && <Note>活动太多，只列出了前 {list.items.length} 个。</Note>}
          <WeekDays week={list.week.start} items={list.items} now={now} onOpen={openActivity} />
          {list.scope.kind === 'unit' && list.scope.phone && <PhoneButton phone={list.scope.phone} />}
        </>
      )}
    </>
  )
}
