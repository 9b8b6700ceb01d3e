import { View } from '@tarojs/components'
import { useState } from 'react'
import type { ServiceRecordView } from '@core/contract'
import { CORRECTION_REASON_MAX, MAX_CREDITED_MINUTES } from '@core/signin/hours'
import { Button } from '@/components/button'
import { ErrorNotice } from '@/components/error-notice'
import { api } from '@/lib/api'
import { useMutation } from '@/lib/use-mutation'
import { TextField } from './text-field'
import './signin.css'

function minutesProblem(text: string): string | undefined {
  if (!/^\d+$/.test(text.trim())) return '请填写整数分钟，例如 90'
  return Number(text) > MAX_CREDITED_MINUTES ? '一场活动最多记 24 小时（1440 分钟）' : undefined
}

/** A manager's 确认时长 / 更正时长 for one closed session; the correction's reason is kept on the record. */
export function HoursEditor({
  record,
  onSaved,
}: {
  record: ServiceRecordView
  onSaved: (r: ServiceRecordView) => void
}) {
  const [editing, setEditing] = useState(false)
  const [minutes, setMinutes] = useState(String(record.minutes ?? 0))
  const [reason, setReason] = useState('')
  const [shown, setShown] = useState(false)
  const [confirm, runConfirm] = useMutation((recordId: string) => api.signin.confirmHours({ recordId }))
  const [correct, runCorrect] = useMutation((recordId: string, minutes: number, reason: string) =>
    api.signin.correctHours({ recordId, minutes, reason }),
  )

  if (record.status === 'open') return null
  const problem = minutesProblem(minutes)
  const reasonProblem = reason.trim().length < 2 ? '请写明更正原因（至少 2 个字）' : undefined
  const save = async () => {
    setShown(true)
    if (problem || reasonProblem) return
    const saved = await runCorrect(record._id, Number(minutes), reason.trim())
    if (saved) {
      setEditing(false)
      onSaved(saved)
    }
  }

  return (
    <View className="signin-actions">
      {record.status !== 'confirmed' && !editing && (
        <Button
          variant="primary"
          disabled={confirm.status === 'pending'}
          label={`确认 ${record.name ?? '志愿者'} 的时长`}
          onClick={() => void runConfirm(record._id).then((r) => r && onSaved(r))}
        >
          确认时长
        </Button>
      )}
      {!editing && (
        <Button label={`更正 ${record.name ?? '志愿者'} 的时长`} onClick={() => setEditing(true)}>
          更正时长
        </Button>
      )}
      {editing && (
        <View className="card">
          <TextField
            label="服务时长（分钟）"
            type="number"
            value={minutes}
            onChange={setMinutes}
            maxLength={4}
            problem={shown ? problem : undefined}
          />
          <TextField
            label="更正原因"
            value={reason}
            onChange={setReason}
            maxLength={CORRECTION_REASON_MAX}
            problem={shown ? reasonProblem : undefined}
          />
          <View className="signin-actions">
            <Button variant="primary" disabled={correct.status === 'pending'} onClick={() => void save()}>
              保存更正
            </Button>
            <Button onClick={() => setEditing(false)}>取消</Button>
          </View>
        </View>
      )}
      {confirm.status === 'error' && <ErrorNotice message={confirm.error.message} />}
      {correct.status === 'error' && <ErrorNotice message={correct.error.message} />}
    </View>
  )
}
