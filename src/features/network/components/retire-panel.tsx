import { View } from '@tarojs/components'
import { useState } from 'react'
import type { UnitNode } from '@core/contract'
import { Button } from '@/components/button'
import { Note } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { ChoiceField, TextField } from '@/components/form-fields'
import { Heading } from '@/components/heading'
import { QueryView } from '@/components/query-view'
import { api } from '@/lib/api'
import { useMutation } from '@/lib/use-mutation'
import { useQuery } from '@/lib/use-query'

/**
 * 撤销单位: asked for only after a tap (no pop-up), with the reason and the unit its people should go to
 * instead (chosen among its live siblings); the old QR code then shows 该站点已合并/停用，请前往….
 */
export function RetirePanel({ unit }: { unit: UnitNode }) {
  const [open, setOpen] = useState(false)
  const [successorId, setSuccessorId] = useState('')
  const [reason, setReason] = useState('')
  const siblings = useQuery(open && unit.parentId ? `network:tree:${unit.parentId}` : null, () =>
    api.network.tree({ unitId: unit.parentId! }),
  )
  const [retiring, retire] = useMutation(() =>
    api.network.retireUnit({
      id: unit._id,
      successorId: successorId || null,
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    }),
  )
  if (!open) {
    return (
      <Button block onClick={() => setOpen(true)}>
        撤销本单位…
      </Button>
    )
  }
  if (retiring.status === 'success') {
    return <Note>已撤销。门口的旧二维码会提示居民前往接续单位。</Note>
  }
  return (
    <View className="retire">
      <Heading level={3}>撤销「{unit.name}」</Heading>
      <Note>撤销后历史记录保留；有未结束的活动或未撤销的下级单位时不能撤销。</Note>
      <QueryView query={siblings} loadingText="正在查询同级单位…">
        {(tree) => (
          <ChoiceField
            id="retire-successor"
            label="接续单位（居民扫旧码时请他们前往）"
            value={successorId}
            options={[
              { value: '', label: '不指定' },
              ...tree.children
                .filter((c) => !c.retired && c._id !== unit._id)
                .map((c) => ({ value: c._id, label: c.name })),
            ]}
            onChange={setSuccessorId}
          />
        )}
      </QueryView>
      <TextField id="retire-reason" label="撤销原因（可不填）" value={reason} onChange={setReason} />
      {retiring.status === 'error' && <ErrorNotice message={retiring.error.message} />}
      <Button variant="primary" block onClick={() => void retire()}>
        确认撤销
      </Button>
      <Button variant="quiet" block onClick={() => setOpen(false)}>
        不撤销了
      </Button>
    </View>
  )
}
