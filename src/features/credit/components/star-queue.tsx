import { View } from '@tarojs/components'
import type { StarView } from '@core/contract'
import { formatDayLong } from '@core/time'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Heading } from '@/components/heading'
import { Note } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { api } from '@/lib/api'
import { useMutation } from '@/lib/use-mutation'
import './credit.css'

const STAR_NAMES = ['', '一星', '二星', '三星', '四星', '五星']
const starText = (level: number) => `${STAR_NAMES[level] ?? `${level} 星`}志愿者`

function PendingStar({ star, onDecided }: { star: StarView; onDecided: () => void }) {
  const [state, run] = useMutation(async (approve: boolean) => {
    const res = await api.credit.decideStar({ id: star._id, approve })
    onDecided()
    return res
  })
  return (
    <View className="credit-row" {...a11y({ role: 'listitem' })}>
      <View className="credit-row__title">
        {star.name} · {starText(star.level)}
      </View>
      <View className="credit-row__line">
        累计服务满 {star.hours} 小时 · {star.unitName} · {formatDayLong(star.reachedAt)} 达到
      </View>
      {state.status === 'error' && <ErrorNotice message={state.error.message} />}
      <Button
        variant="primary"
        disabled={state.status === 'pending'}
        label={`通过${star.name}的${starText(star.level)}，开始公示`}
        onClick={() => void run(true)}
      >
        通过，开始公示
      </Button>
      <Button
        disabled={state.status === 'pending'}
        label={`不通过${star.name}的${starText(star.level)}`}
        onClick={() => void run(false)}
      >
        不通过
      </Button>
    </View>
  )
}

function StarRow({ star }: { star: StarView }) {
  return (
    <View className="credit-row" {...a11y({ role: 'listitem' })}>
      <View className="credit-row__title">
        {star.name} · {starText(star.level)}
      </View>
      <View className="credit-row__line">
        {star.unitName} ·{' '}
        {star.status === 'publicizing'
          ? `公示中，${star.noticeEndsAt ? `至 ${formatDayLong(star.noticeEndsAt - 1)} 结束，` : ''}期满后自动授予`
          : `已于 ${star.awardedAt ? formatDayLong(star.awardedAt) : ''}授予`}
      </View>
    </View>
  )
}

/** 星级审核: waiting for a decision (approve starts the 公示), in 公示, awarded. */
export function StarQueue({ stars, onDecided }: { stars: StarView[]; onDecided: () => void }) {
  const pending = stars.filter((s) => s.status === 'pending')
  const publicizing = stars.filter((s) => s.status === 'publicizing')
  const awarded = stars.filter((s) => s.status === 'awarded')
  const section = (title: string, list: StarView[], empty: string, row: (s: StarView) => JSX.Element) => (
    <>
      <Heading>
        {title}（{list.length}）
      </Heading>
      {list.length === 0 ? (
        <Note>{empty}</Note>
      ) : (
        <View className="list" {...a11y({ role: 'list', label: title })}>
          {list.map(row)}
        </View>
      )}
    </>
  )
  return (
    <>
      {section('等待审核', pending, '没有等待审核的星级。', (s) => (
        <PendingStar key={s._id} star={s} onDecided={onDecided} />
      ))}
      {section('公示中', publicizing, '没有正在公示的星级。', (s) => (
        <StarRow key={s._id} star={s} />
      ))}
      {section('已授予', awarded, '还没有授予的星级。', (s) => (
        <StarRow key={s._id} star={s} />
      ))}
    </>
  )
}
