import { View } from '@tarojs/components'
import type { BoardView } from '@core/contract'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Note } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { Heading } from '@/components/heading'
import { api } from '@/lib/api'
import { useMutation } from '@/lib/use-mutation'
import './credit.css'

/** 晾榜: rank written out (并列 for ties), masked names, points; the person's own hide switch. */
export function Board({ board, onChanged }: { board: BoardView; onChanged: () => void }) {
  const [state, run] = useMutation(async (hidden: boolean) => {
    const res = await api.credit.setBoardVisibility({ hidden })
    onChanged()
    return res
  })
  return (
    <>
      <Heading>
        {board.unitName} {board.month.replace('-', ' 年 ')} 月积分榜
      </Heading>
      {board.rows.length === 0 ? (
        <Note>这个月还没有人获得积分。</Note>
      ) : (
        <View className="list" {...a11y({ role: 'list', label: '积分榜' })}>
          {board.rows.map((r, i) => (
            <View key={`${r.rank}-${i}`} className="credit-row" {...a11y({ role: 'listitem' })}>
              <View className="credit-row__title">
                {r.rankText} {r.name}
              </View>
              <View className="credit-row__line">{r.points} 分</View>
            </View>
          ))}
        </View>
      )}
      <Note>{board.hidden ? '您已选择不在榜单上显示。' : '榜单上的姓名只显示首尾字。'}</Note>
      {state.status === 'error' && <ErrorNotice message={state.error.message} />}
      <Button block disabled={state.status === 'pending'} onClick={() => void run(!board.hidden)}>
        {board.hidden ? '在榜单上显示我' : '不在榜单上显示我'}
      </Button>
    </>
  )
}
