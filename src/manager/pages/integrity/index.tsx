import { View } from '@tarojs/components'
import { useState } from 'react'
import type { FlagStatus } from '@core/contract'
import { Button } from '@/components/button'
import { Note } from '@/components/card'
import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { FlagList } from '@/features/integrity/components/integrity-list'
import { useFlagList } from '@/features/integrity/use-integrity'

const TABS: Array<{ status: FlagStatus; label: string }> = [
  { status: 'open', label: '待核查' },
  { status: 'dismissed', label: '核实无误' },
  { status: 'confirmed', label: '确认违规' },
]

/**
 * 异常核查 for managers (subpackage `manager/`): the flags the timer raised under my units, with the
 * evidence; each resolved once. Points change only by a deduction the manager makes as a separate step.
 */
export default function IntegrityPage() {
  const [status, setStatus] = useState<FlagStatus>('open')
  const [page, setPage] = useState(0)
  const list = useFlagList(status, page)
  return (
    <Page title="异常核查">
      <Note>系统发现的可疑记录，请逐条核实。核实结果不会自动扣减积分。</Note>
      <View>
        {TABS.map((t) => (
          <Button
            key={t.status}
            pressed={t.status === status}
            onClick={() => {
              setStatus(t.status)
              setPage(0)
            }}
          >
            {t.label}
          </Button>
        ))}
      </View>
      <QueryView query={list} loadingText="正在加载…">
        {(data) => (
          <>
            <FlagList items={data.items} status={status} />
            {page > 0 && (
              <Button block onClick={() => setPage(page - 1)}>
                上一页
              </Button>
            )}
            {data.hasMore && (
              <Button block onClick={() => setPage(page + 1)}>
                下一页
              </Button>
            )}
          </>
        )}
      </QueryView>
    </Page>
  )
}
