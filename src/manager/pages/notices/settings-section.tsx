import { View } from '@tarojs/components'
import { useState } from 'react'
import type { NoticeSettingsView } from '@core/contract'
import type { NoticeSource, TemplateKind } from '@core/notices/template'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Card, Note } from '@/components/card'
import { Heading } from '@/components/heading'
import { api } from '@/lib/api'
import { toCloudError } from '@/lib/cloud'
import { ChoiceField, TextField, TimeField } from '@/components/form-fields'
import {
  monthLabel,
  settingsForm,
  settingsInput,
  SOURCE_OPTIONS,
  whenText,
  type FormErrors,
  type SettingsForm,
} from './model'

const KIND_OPTIONS = [
  { value: 'oneTime', label: '一次性订阅（每次同意只能收一条）' },
  { value: 'longTerm', label: '长期订阅（仅政务民生等类目可用）' },
]

/** The center's practice day, the month themes and the notice template (center managers edit). */
export function SettingsSection({
  settings,
  canEdit,
  onSaved,
}: {
  settings: NoticeSettingsView
  canEdit: boolean
  onSaved: (s: NoticeSettingsView) => void
}) {
  const [form, setForm] = useState<SettingsForm>(() => settingsForm(settings))
  const [errors, setErrors] = useState<FormErrors>({})
  const [saving, setSaving] = useState(false)
  const [status, setStatus] = useState('')
  const put = (patch: Partial<SettingsForm>) => setForm((f) => ({ ...f, ...patch }))

  async function save() {
    const { input, errors: found } = settingsInput(settings.centerId, form)
    setErrors(found)
    if (!input) {
      setStatus('有填写不对的地方，请按提示修改')
      return
    }
    setSaving(true)
    setStatus('')
    try {
      const saved = await api.notices.setSettings(input)
      setForm(settingsForm(saved))
      setStatus(`已保存。下次提醒 ${whenText(saved.next.fireAt)} 发出。`)
      onSaved(saved)
    } catch (err) {
      const e = toCloudError(err)
      setErrors(e.fields ?? {})
      setStatus(e.message)
    } finally {
      setSaving(false)
    }
  }

  if (!canEdit) {
    return (
      <Card label="实践日设置">
        <Heading>实践日设置</Heading>
        <View className="nt-line">每月 {settings.day} 日（没有这一天的月份为月末最后一天）</View>
        <View className="nt-line">
          提醒在实践日前 {settings.sendDaysBefore} 天 {settings.sendAt} 发出
        </View>
        <Note>只有实践中心的管理员可以修改这些设置。</Note>
      </Card>
    )
  }

  return (
    <View className="nt-section">
      <Heading>实践日设置</Heading>
      <View className="nt-row">
        <TextField
          id="nt-day"
          label="每月几日（1–31）"
          type="number"
          value={form.day}
          onChange={(day) => put({ day })}
          error={errors.day}
        />
        <TextField
          id="nt-before"
          label="提前几天提醒（0–7）"
          type="number"
          value={form.sendDaysBefore}
          onChange={(sendDaysBefore) => put({ sendDaysBefore })}
          error={errors.sendDaysBefore}
        />
      </View>
      <View className="nt-row">
        <TimeField
          id="nt-send-at"
          label="提醒发送时间"
          value={form.sendAt}
          onChange={(sendAt) => put({ sendAt })}
          error={errors.sendAt}
        />
        <TimeField
          id="nt-start"
          label="活动一般开始时间"
          value={form.defaultStartTime}
          onChange={(defaultStartTime) => put({ defaultStartTime })}
          error={errors.defaultStartTime}
        />
      </View>
      {form.themeMonths.map((month, i) => (
        <TextField
          key={month}
          id={`nt-theme-${i}`}
          label={`${monthLabel(month)}主题`}
          value={form.themes[i]!}
          maxLength={40}
          onChange={(theme) => {
            const themes: [string, string] = [...form.themes]
            themes[i] = theme
            put({ themes })
          }}
          error={errors[`theme${i}`]}
        />
      ))}
      <Heading level={3}>提醒模板</Heading>
      <TextField
        id="nt-template"
        label="模板 ID（公众平台「订阅消息 → 我的模板」）"
        value={form.templateId}
        onChange={(templateId) => put({ templateId })}
        error={errors.templateId ?? errors['template.id']}
      />
      <ChoiceField
        id="nt-kind"
        label="订阅类型"
        value={form.templateKind}
        options={KIND_OPTIONS}
        onChange={(k) => put({ templateKind: k as TemplateKind })}
      />
      <TextField
        id="nt-page"
        label="点开提醒进入的页面"
        value={form.page}
        onChange={(page) => put({ page })}
        error={errors['template.page']}
      />
      {form.fields.map((field, i) => (
        <View className="nt-row" key={i}>
          <TextField
            id={`nt-key-${i}`}
            label={`第 ${i + 1} 个关键词`}
            value={field.key}
            onChange={(key) => put({ fields: form.fields.map((f, j) => (j === i ? { ...f, key } : f)) })}
            error={errors[`field${i}`] ?? errors[`template.fields.${i}.key`]}
          />
          <ChoiceField
            id={`nt-source-${i}`}
            label={`第 ${i + 1} 个关键词填入`}
            value={field.source}
            options={SOURCE_OPTIONS}
            onChange={(source) =>
              put({
                fields: form.fields.map((f, j) => (j === i ? { ...f, source: source as NoticeSource } : f)),
              })
            }
            error={errors[`template.fields.${i}.source`]}
          />
        </View>
      ))}
      <Button variant="primary" block disabled={saving} onClick={() => void save()}>
        {saving ? '正在保存…' : '保存实践日设置'}
      </Button>
      <View {...a11y({ role: 'status', live: 'polite' })}>{status && <Note>{status}</Note>}</View>
    </View>
  )
}
