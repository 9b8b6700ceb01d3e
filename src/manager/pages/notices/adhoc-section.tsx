import { View } from '@tarojs/components'
import { useState } from 'react'
import { formatDate } from '@core/time'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Note } from '@/components/card'
import { Heading } from '@/components/heading'
import { api } from '@/lib/api'
import { toCloudError } from '@/lib/cloud'
import { ChoiceField, DateField, TextField, TimeField } from '@/components/form-fields'
import { adhocInput, newRequestId, type AdhocForm, type FormErrors } from './model'

/** A notice to one station's subscribers now, through the same fan-out as the monthly one. */
export function AdhocSection({
  stations,
  onSent,
}: {
  stations: { value: string; label: string }[]
  onSent: () => void
}) {
  const empty = (): AdhocForm => ({
    stationId: stations[0]?.value ?? '',
    theme: '',
    date: formatDate(Date.now()),
    time: '09:00',
    place: '',
    note: '',
  })
  const [form, setForm] = useState<AdhocForm>(empty)
  // one id per filled-in form: tapping 发送 twice sends one notice
  const [requestId, setRequestId] = useState(() => newRequestId())
  const [errors, setErrors] = useState<FormErrors>({})
  const [sending, setSending] = useState(false)
  const [status, setStatus] = useState('')
  const put = (patch: Partial<AdhocForm>) => setForm((f) => ({ ...f, ...patch }))

  if (stations.length === 0) return null

  async function send() {
    const { input, errors: found } = adhocInput(form, requestId, Date.now())
    setErrors(found)
    if (!input) {
      setStatus('有填写不对的地方，请按提示修改')
      return
    }
    setSending(true)
    setStatus('')
    try {
      const job = await api.notices.startAdhoc(input)
      setStatus(
        job.state === 'completed'
          ? `已发送给 ${job.total} 位订阅了提醒的居民（微信提醒 ${job.sent} 条），每人的「我的消息」里也有这条通知。`
          : `已开始发送给 ${job.total} 位订阅了提醒的居民，已发出 ${job.sent} 条，其余一分钟内接着发送，可在上方「发送情况」查看进度。`,
      )
      setForm(empty())
      setRequestId(newRequestId())
      onSent()
    } catch (err) {
      const e = toCloudError(err)
      setErrors(e.fields ?? {})
      setStatus(e.message)
    } finally {
      setSending(false)
    }
  }

  return (
    <View className="nt-section">
      <Heading>给一个实践站的订阅者发临时通知</Heading>
      <Note>
        每位居民订阅一次只能收到一条提醒：临时通知会用掉这次订阅，他们需要再订阅才能收到实践日提醒。
      </Note>
      <ChoiceField
        id="nt-adhoc-station"
        label="实践站"
        value={form.stationId}
        options={stations}
        onChange={(stationId) => put({ stationId })}
        error={errors.stationId}
      />
      <TextField
        id="nt-adhoc-theme"
        label="通知主题（最多 20 个字）"
        value={form.theme}
        maxLength={20}
        onChange={(theme) => put({ theme })}
        error={errors.theme}
      />
      <View className="nt-row">
        <DateField
          id="nt-adhoc-date"
          label="日期"
          value={form.date}
          onChange={(date) => put({ date })}
          error={errors.date}
        />
        <TimeField
          id="nt-adhoc-time"
          label="时间"
          value={form.time}
          onChange={(time) => put({ time })}
          error={errors.time ?? errors.start}
        />
      </View>
      <TextField
        id="nt-adhoc-place"
        label="地点（可不填，默认为实践站）"
        value={form.place}
        maxLength={40}
        onChange={(place) => put({ place })}
        error={errors.place}
      />
      <TextField
        id="nt-adhoc-note"
        label="备注（可不填）"
        value={form.note}
        maxLength={40}
        onChange={(note) => put({ note })}
        error={errors.note}
      />
      <Button variant="primary" block disabled={sending} onClick={() => void send()}>
        {sending ? '正在发送…' : '发送临时通知'}
      </Button>
      <View {...a11y({ role: 'status', live: 'polite' })}>{status && <Note>{status}</Note>}</View>
    </View>
  )
}
