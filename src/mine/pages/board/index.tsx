import { useRouter } from '@tarojs/taro'
import { formatDate } from '@core/time'
import { Note } from '@/components/card'
import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { Board } from '@/features/credit/components/board'
import { useBoard } from '@/features/credit/use-credit'
import { useMe } from '@/lib/use-me'

/** 晾榜 of a unit (`?unitId=`, else the person's home station) for this month (subpackage `mine/`). */
export default function BoardPage() {
  const { params } = useRouter()
  const me = useMe()
  const unitId = params.unitId ?? (me.status === 'success' ? me.data.homeUnitId : null)
  const month = params.month ?? formatDate(Date.now()).slice(0, 7)
  const board = useBoard(unitId, month)
  return (
    <Page title="积分榜">
      {me.status === 'success' && !unitId ? (
        <Note>请先在首页选择或扫码进入您所在的站点。</Note>
      ) : (
        <QueryView query={board} loadingText="正在加载积分榜…">
          {(data) => <Board board={data} onChanged={board.retry} />}
        </QueryView>
      )}
    </Page>
  )
}
