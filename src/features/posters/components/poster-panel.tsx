import { Image, View } from '@tarojs/components'
import { useState } from 'react'
import type { WeeklyPoster } from '@core/contract'
import { weekKey } from '@core/time'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Card, Note } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { useMutation } from '@/lib/use-mutation'
import { POSTER_ACTIONS } from '../poster-actions'
import { useWeeklyPoster } from '../use-posters'
import './posters.css'

/** The poster's text alternative: what the image says, in order. */
function posterText(p: WeeklyPoster): string {
  const head = `${p.unit.name}每周活动预告，${p.week.label}`
  if (!p.lines.length) return `${head}：这一周暂无活动安排`
  return `${head}，共 ${p.lines.length + p.more} 场活动`
}

function Drawn({ poster }: { poster: WeeklyPoster }) {
  const [action, run] = useMutation((i: number) => POSTER_ACTIONS[i]!.run(poster.url ?? '', poster.name))
  return (
    <Card label="海报">
      {poster.url ? (
        <Image
          className="poster-image"
          src={poster.url}
          mode="widthFix"
          {...a11y({ label: posterText(poster) })}
        />
      ) : (
        <Note>海报已生成，但暂时拿不到图片链接，请再点一次「生成海报」。</Note>
      )}
      <View className="field">{posterText(poster)}</View>
      <View {...a11y({ role: 'list', label: '海报上的活动' })}>
        {poster.lines.map((l) => (
          <View key={l.activityId} className="field" {...a11y({ role: 'listitem' })}>
            {`${l.when} · ${l.title}（${l.place}）${l.note ? ` · ${l.note}` : ''}`}
          </View>
        ))}
      </View>
      {poster.more > 0 && <Note>{`还有 ${poster.more} 场活动没有画进海报，海报上请大家扫码查看。`}</Note>}
      {poster.url &&
        POSTER_ACTIONS.map((a, i) => (
          <Button key={a.label} block onClick={() => void run(i)} disabled={action.status === 'pending'}>
            {a.label}
          </Button>
        ))}
      {action.status === 'success' && action.data && <Note>{action.data}</Note>}
      {action.status === 'error' && <ErrorNotice message={action.error.message} />}
    </Card>
  )
}

const WEEKS = [
  { key: 'next', label: '下周' },
  { key: 'this', label: '本周' },
] as const

/** 每周活动预告 poster: pick the week, the server draws it, then save / share (weapp) or download (H5). */
export function PosterPanel({ unitId, unitName }: { unitId: string; unitName: string }) {
  const [week, setWeek] = useState<'next' | 'this'>('next')
  const [state, draw] = useWeeklyPoster()
  return (
    <>
      <Card label={`${unitName}的活动预告海报`}>
        <View className="field">
          把这个站点一周的活动画成一张长图（含本站二维码），可以保存到相册或发到微信群。
        </View>
        <View className="poster-weeks">
          {WEEKS.map((w) => (
            <Button key={w.key} onClick={() => setWeek(w.key)} pressed={w.key === week}>
              {w.label}
            </Button>
          ))}
        </View>
        <Button
          variant="primary"
          block
          onClick={() => void draw(unitId, week === 'this' ? weekKey() : undefined)}
          disabled={state.status === 'pending'}
        >
          {state.status === 'pending' ? '正在生成海报…' : '生成海报'}
        </Button>
        {state.status === 'error' && <ErrorNotice message={state.error.message} />}
      </Card>
      {state.status === 'success' && <Drawn poster={state.data} />}
    </>
  )
}
