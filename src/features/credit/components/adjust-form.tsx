import { View } from '@tarojs/components'
import { useRef, useState } from 'react'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Card, Note } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { ChoiceField, TextField } from '@/components/form-fields'
import { api } from '@/lib/api'
import { useMutation } from '@/lib/use-mutation'
import { newRequestId, signedPoints } from '../credit-text'
import './credit.css'

const DIRECTIONS = [
  { value: 'award', label: '奖励（加分）' },
  { value: 'deduct', label: '扣减（减分）' },
] as const

/**
 * 加减积分: a volunteer of the unit by 志愿者编号, points, a reason. One request id per intent: a retry
 * after a lost answer is answered the same line; a new one is made after each success.
 */
export function AdjustForm({ unitId, unitName }: { unitId: string; unitName: string }) {
  const [number, setNumber] = useState('')
  const [direction, setDirection] = useState<string>('award')
  const [points, setPoints] = useState('')
  const [reason, setReason] = useState('')
  const intent = useRef(newRequestId())
  const [state, run] = useMutation(async () => {
    const n = points.trim() === '' ? NaN : Number(points)
    const res = await api.credit.adjust({
      unitId,
      volunteerNumber: number.trim(),
      points: direction === 'deduct' ? -n : n,
      reason: reason.trim(),
      requestId: intent.current,
    })
    intent.current = newRequestId()
    return res
  })
  const fields = state.status === 'error' ? (state.error.fields ?? {}) : {}
  return (
    <Card label={`为「${unitName}」的志愿者加减积分`}>
      <Note>
        只能为家在本单位（含下级站点）的志愿者加减积分；不能给自己加减。每次都要写明原因，志愿者能看到。
      </Note>
      <TextField
        id="credit-adjust-number"
        label="志愿者编号（如 QH000-000061）"
        value={number}
        maxLength={40}
        onChange={setNumber}
        error={fields.volunteerNumber}
      />
      <ChoiceField
        id="credit-adjust-direction"
        label="加分还是减分"
        value={direction}
        options={DIRECTIONS}
        onChange={setDirection}
      />
      <TextField
        id="credit-adjust-points"
        label="积分（1–1000）"
        type="number"
        value={points}
        onChange={setPoints}
        error={fields.points}
      />
      <TextField
        id="credit-adjust-reason"
        label="原因（2–100 字）"
        multiline
        value={reason}
        maxLength={100}
        onChange={setReason}
        error={fields.reason}
      />
      {state.status === 'error' && <ErrorNotice message={state.error.message} />}
      {state.status === 'success' && (
        <View className="credit-row__title" {...a11y({ role: 'status' })}>
          {state.data.duplicate ? '这次加减分之前已经记过了：' : '已记入：'}
          {signedPoints(state.data.line.points)}，之后余额 {state.data.line.balanceAfter} 分
        </View>
      )}
      <Button variant="primary" block disabled={state.status === 'pending'} onClick={() => void run()}>
        {state.status === 'pending' ? '正在记入…' : '确认记入'}
      </Button>
    </Card>
  )
}
