import { View } from '@tarojs/components'
import type { ToldSummary } from '@core/contract'
import { useState } from 'react'
import { cancelReasonProblem } from '@core/activities/validation'
import { Button } from '@/components/button'
import { ErrorNotice } from '@/components/error-notice'
import { api } from '@/lib/api'
import { toCloudError } from '@/lib/cloud'
import { TextField } from '@/components/form-fields'

export interface CancelFormProps {
  id: string
  title: string
  onDone: (told: ToldSummary | null) => void
  onBack: () => void
}

/** 取消活动, asked again in the page with a reason residents will read (no pop-up). */
export function CancelForm({ id, title, onDone, onBack }: CancelFormProps) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    const problem = cancelReasonProblem(reason)
    if (problem) {
      setError(problem)
      return
    }
    setBusy(true)
    try {
      const { told } = await api.activities.cancel({ id, reason: reason.trim() })
      onDone(told)
    } catch (e) {
      setError(toCloudError(e).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className="act-form">
      <TextField
        id={`cancel-${id}`}
        label={`取消「${title}」的原因（报名的人会看到）`}
        value={reason}
        onChange={setReason}
      />
      {error && <ErrorNotice message={error} />}
      <View className="act-row">
        <Button variant="primary" disabled={busy} onClick={submit}>
          确定取消活动
        </Button>
        <Button disabled={busy} onClick={onBack}>
          不取消
        </Button>
      </View>
    </View>
  )
}
