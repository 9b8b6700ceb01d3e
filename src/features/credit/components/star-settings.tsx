import { View } from '@tarojs/components'
import { useState } from 'react'
import type { StarSettingsView } from '@core/contract'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Card, Note } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { TextField } from '@/components/form-fields'
import { Heading } from '@/components/heading'
import { api } from '@/lib/api'
import { useMutation } from '@/lib/use-mutation'
import { parseDays } from '../admin-text'
import './credit.css'

const STAR_LABELS = ['一星', '二星', '三星', '四星', '五星']

/** 星级设置: thresholds, 公示 working days and the center's holiday / 调休 calendar. */
export function StarSettingsEditor({
  settings,
  onSaved,
}: {
  settings: StarSettingsView
  onSaved: () => void
}) {
  const [hours, setHours] = useState(settings.starHours.map(String))
  const [days, setDays] = useState(String(settings.noticeWorkingDays))
  const [holidays, setHolidays] = useState(settings.holidays.join('\n'))
  const [workdays, setWorkdays] = useState(settings.workdays.join('\n'))
  const [localError, setLocalError] = useState<string | null>(null)
  const [state, run] = useMutation(async () => {
    const res = await api.credit.saveStarSettings({
      centerId: settings.centerId,
      starHours: hours.map((h) => (h.trim() === '' ? NaN : Number(h))),
      noticeWorkingDays: days.trim() === '' ? NaN : Number(days),
      holidays: parseDays(holidays).days,
      workdays: parseDays(workdays).days,
    })
    onSaved()
    return res
  })
  const save = () => {
    const bad = [...parseDays(holidays).bad, ...parseDays(workdays).bad]
    if (bad.length > 0) {
      setLocalError(`这些日期看不懂：${bad.join('、')}。请写成 2026-10-01 的形式`)
      return
    }
    setLocalError(null)
    void run()
  }
  const fields = state.status === 'error' ? (state.error.fields ?? {}) : {}
  return (
    <>
      <Heading>星级志愿者设置</Heading>
      <Note>
        {settings.isDefault
          ? `本中心还没有保存过设置，现在使用默认门槛和国务院公布的 ${settings.officialYears.join('、')} 年放假安排。`
          : '本中心的设置。'}
        其他年份的放假和调休上班日请在下面补充；已审核或已授予的星级不受修改影响。
      </Note>
      <Card label="星级门槛与公示">
        {hours.map((h, i) => (
          <TextField
            key={i}
            id={`credit-star-${i}`}
            label={`${STAR_LABELS[i]}：累计服务满多少小时`}
            type="number"
            value={h}
            onChange={(v) => setHours((hs) => hs.map((x, j) => (j === i ? v : x)))}
          />
        ))}
        {fields.starHours && <ErrorNotice message={fields.starHours} />}
        <TextField
          id="credit-star-days"
          label="公示几个工作日（1–30）"
          type="number"
          value={days}
          onChange={setDays}
          error={fields.noticeWorkingDays}
        />
        <TextField
          id="credit-star-holidays"
          label="放假日期（每行一个，如 2026-10-01）"
          multiline
          value={holidays}
          onChange={setHolidays}
          error={fields.holidays}
        />
        <TextField
          id="credit-star-workdays"
          label="调休上班的周末（每行一个，如 2026-10-10）"
          multiline
          value={workdays}
          onChange={setWorkdays}
          error={fields.workdays}
        />
        {localError && <ErrorNotice message={localError} />}
        {state.status === 'error' && !fields.starHours && <ErrorNotice message={state.error.message} />}
        {state.status === 'success' && (
          <View className="credit-row__title" {...a11y({ role: 'status' })}>
            已保存星级设置
          </View>
        )}
        <Button variant="primary" block disabled={state.status === 'pending'} onClick={save}>
          {state.status === 'pending' ? '正在保存…' : '保存星级设置'}
        </Button>
      </Card>
    </>
  )
}
