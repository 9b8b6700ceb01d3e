import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { AuditView } from '@core/contract'
import { Button } from '@/components/button'
import { Card, Field, Note } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { auditText, when } from '@/features/network/labels'
import { api } from '@/lib/api'
import { useMutation } from '@/lib/use-mutation'
import { useQuery } from '@/lib/use-query'

/** 操作记录: every grant, revocation and unit change in the unit and below it, newest first. */
export default function AuditPage() {
  const { params } = useRouter()
  const unitId = params.unitId ? decodeURIComponent(params.unitId) : undefined
  const first = useQuery(`network:audit:${unitId ?? 'mine'}`, () =>
    api.network.audit(unitId ? { unitId } : {}),
  )
  const [more, setMore] = useState<{ entries: AuditView[]; nextBefore: number | null }>()
  const [loading, load] = useMutation((before: number) =>
    api.network.audit({ ...(unitId ? { unitId } : {}), before }),
  )
  const loadMore = async (before: number) => {
    const page = await load(before)
    if (page)
      setMore((m) => ({ entries: [...(m?.entries ?? []), ...page.entries], nextBefore: page.nextBefore }))
  }
  return (
    <Page title="操作记录">
      <QueryView query={first} loadingText="正在读取记录…">
        {(data) => {
          const entries = [...data.entries, ...(more?.entries ?? [])]
          const next = more ? more.nextBefore : data.nextBefore
          return (
            <>
              {entries.length === 0 && <Note>还没有记录。</Note>}
              {entries.map((a) => (
                <Card key={a._id}>
                  <Note>{auditText(a)}</Note>
                  <Field name="时间">{when(a.at)}</Field>
                  {a.detail && <Field name="说明">{a.detail}</Field>}
                </Card>
              ))}
              {loading.status === 'error' && <ErrorNotice message={loading.error.message} />}
              {next !== null && (
                <Button block onClick={() => void loadMore(next)}>
                  加载更早的记录
                </Button>
              )}
            </>
          )
        }}
      </QueryView>
    </Page>
  )
}
