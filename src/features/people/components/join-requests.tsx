import { View } from '@tarojs/components'
import { useState } from 'react'
import type { JoinRequestView } from '@core/contract'
import { formatDayLong } from '@core/time'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Card, Field, Note } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { api } from '@/lib/api'
import { useMutation } from '@/lib/use-mutation'

/** 入队申请审核: each request with 同意 / 不同意 (the person's own request is never listed). */
export function JoinRequests({ requests, onChange }: { requests: JoinRequestView[]; onChange: () => void }) {
  const [done, setDone] = useState<string>()
  const [decision, runDecision] = useMutation((requestId: string, approve: boolean) =>
    api.people.decideJoin({ requestId, approve }),
  )
  const decide = async (r: JoinRequestView, approve: boolean) => {
    if (await runDecision(r._id, approve)) {
      setDone(`已${approve ? '同意' : '拒绝'} ${r.name} 加入「${r.teamName}」。`)
      onChange()
    }
  }
  return (
    <>
      <View {...a11y({ role: 'status', live: 'polite' })}>{done && <Note>{done}</Note>}</View>
      {decision.status === 'error' && <ErrorNotice message={decision.error.message} />}
      {!requests.length && <Note>没有等待审核的入队申请。</Note>}
      {requests.map((r) => (
        <Card key={r._id} label={`${r.name} 申请加入 ${r.teamName}`}>
          <Field name="申请人">
            {r.name}（编号 {r.volunteerNumber}）
          </Field>
          <Field name="手机号">{r.phone}</Field>
          <Field name="服务队">{r.teamName}</Field>
          <Field name="申请时间">{formatDayLong(r.requestedAt)}</Field>
          {r.note && <Field name="留言">{r.note}</Field>}
          <View className="act-row">
            <Button
              variant="primary"
              label={`同意 ${r.name} 入队`}
              disabled={decision.status === 'pending'}
              onClick={() => decide(r, true)}
            >
              同意
            </Button>
            <Button
              label={`不同意 ${r.name} 入队`}
              disabled={decision.status === 'pending'}
              onClick={() => decide(r, false)}
            >
              不同意
            </Button>
          </View>
        </Card>
      ))}
    </>
  )
}
