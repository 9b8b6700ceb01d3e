import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import type { EditableActivity, ManagedUnit } from '@core/contract'
import { ACTIVITY_CATEGORIES } from '@core/domain'
import { ACTIVITY_LIMITS, draftProblems, timeProblems } from '@core/activities/validation'
import { Button } from '@/components/button'
import { Note } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { api } from '@/lib/api'
import { toCloudError } from '@/lib/cloud'
import { draftOf, emptyForm, formErrors, formOf, type ActivityForm, type FormErrors } from '../../form-model'
import { chooseAndUploadCover } from '../../upload-cover'
import { CoverImage } from '../cover-image'
import { CheckField, ChoiceField, DateField, TextField, TimeField } from '@/components/form-fields'

export interface ActivityFormProps {
  units: ManagedUnit[]
  /** null: publish a new one */
  editing: EditableActivity | null
  /** the plan's theme of a month ('YYYY-MM'), for 属于本月主题 (plans context); absent: not shown */
  monthThemeOf?: (month: string) => string | null
}

const CATEGORY_OPTIONS = ACTIVITY_CATEGORIES.map((c) => ({ value: c, label: c }))

/** 发布 / 编辑活动. The rules are checked here with the same words the function uses, then by the function. */
export function ActivityFormView({ units, editing, monthThemeOf }: ActivityFormProps) {
  const [form, setForm] = useState<ActivityForm>(() =>
    editing ? formOf(editing) : emptyForm(units[0], Date.now()),
  )
  const [errors, setErrors] = useState<FormErrors>({})
  const [failure, setFailure] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [uploading, setUploading] = useState(false)

  const set = <K extends keyof ActivityForm>(field: K, value: ActivityForm[K]) => {
    setForm((f) => ({ ...f, [field]: value }))
    setErrors((e) => ({ ...e, [field]: undefined }))
  }

  const chooseUnit = (unitId: string) => {
    const unit = units.find((u) => u._id === unitId)
    setForm((f) => ({ ...f, unitId, contactPhone: f.contactPhone || unit?.phone || '' }))
  }

  const pickCover = async () => {
    setUploading(true)
    setFailure(undefined)
    try {
      const cover = await chooseAndUploadCover(form.unitId)
      if (cover) setForm((f) => ({ ...f, coverFileId: cover.fileId, coverPreview: cover.preview }))
    } catch (e) {
      setFailure(toCloudError(e).message)
    } finally {
      setUploading(false)
    }
  }

  const monthTheme = monthThemeOf?.(form.date.slice(0, 7)) ?? null
  const submit = async () => {
    const draft = { ...draftOf(form), inMonthTheme: form.inMonthTheme && monthTheme !== null }
    const problems = { ...draftProblems(draft), ...timeProblems(draft, Date.now(), editing?.start) }
    const found = formErrors(problems)
    setErrors(found)
    setFailure(undefined)
    if (Object.keys(found).length > 0) {
      setFailure('有几处需要修改，请看红字提示。')
      return
    }
    setBusy(true)
    try {
      const { id } = editing
        ? await api.activities.update({ ...draft, id: editing._id })
        : await api.activities.create({ ...draft, unitId: form.unitId })
      // The person sees the activity as residents will.
      await Taro.redirectTo({ url: `/pages/activity/index?id=${encodeURIComponent(id)}` })
    } catch (e) {
      const error = toCloudError(e)
      if (error.fields) setErrors(formErrors(error.fields))
      setFailure(error.message)
    } finally {
      setBusy(false)
    }
  }

  const unitOptions = units.map((u) => ({ value: u._id, label: u.name }))
  return (
    <View className="act-form">
      {editing ? (
        <Note>举办单位：{editing.unitName}</Note>
      ) : (
        <ChoiceField
          id="act-unit"
          label="举办单位"
          value={form.unitId}
          options={unitOptions}
          onChange={chooseUnit}
        />
      )}
      <TextField
        id="act-title"
        label={`活动名称（${ACTIVITY_LIMITS.titleMin}–${ACTIVITY_LIMITS.titleMax} 个字）`}
        value={form.title}
        onChange={(v) => set('title', v)}
        error={errors.title}
      />
      <ChoiceField
        id="act-category"
        label="活动类别"
        value={form.category}
        options={CATEGORY_OPTIONS}
        onChange={(v) => set('category', v as ActivityForm['category'])}
        error={errors.category}
      />
      <DateField id="act-date" label="开始日期" value={form.date} onChange={(v) => set('date', v)} />
      <TimeField
        id="act-start"
        label="开始时间"
        value={form.startTime}
        onChange={(v) => set('startTime', v)}
        error={errors.startTime}
      />
      <DateField
        id="act-end-date"
        label="结束日期"
        value={form.endDate}
        onChange={(v) => set('endDate', v)}
      />
      <TimeField
        id="act-end"
        label="结束时间"
        value={form.endTime}
        onChange={(v) => set('endTime', v)}
        error={errors.endTime}
      />
      <TextField
        id="act-place"
        label="活动地点"
        value={form.place}
        onChange={(v) => set('place', v)}
        error={errors.place}
      />
      <TextField
        id="act-description"
        label={`活动介绍（不超过 ${ACTIVITY_LIMITS.descriptionMax} 个字）`}
        value={form.description}
        onChange={(v) => set('description', v)}
        error={errors.description}
        multiline
      />
      <CheckField
        id="act-registration"
        label="需要报名"
        checked={form.registrationRequired}
        onChange={(v) => set('registrationRequired', v)}
        error={errors.registrationRequired}
      />
      {form.registrationRequired && (
        <TextField
          id="act-capacity"
          label="报名人数上限"
          type="number"
          value={form.capacity}
          onChange={(v) => set('capacity', v)}
          error={errors.capacity}
        />
      )}
      <TextField
        id="act-volunteers"
        label="需要志愿者人数（不需要填 0）"
        type="number"
        value={form.volunteerSlots}
        onChange={(v) => set('volunteerSlots', v)}
        error={errors.volunteerSlots}
      />
      <TextField
        id="act-theme"
        label="本月主题（可不填）"
        value={form.theme}
        onChange={(v) => set('theme', v)}
        error={errors.theme}
      />
      {monthTheme !== null && (
        <>
          <Note>{`本月主题：${monthTheme}`}</Note>
          <CheckField
            id="act-month-theme"
            label="属于本月主题"
            checked={form.inMonthTheme}
            onChange={(v) => set('inMonthTheme', v)}
          />
        </>
      )}
      <CheckField
        id="act-practice-day"
        label="这是本月文明实践日的活动"
        checked={form.practiceDay}
        onChange={(v) => set('practiceDay', v)}
      />
      <TextField
        id="act-phone"
        label="联系电话"
        type="tel"
        value={form.contactPhone}
        onChange={(v) => set('contactPhone', v)}
        error={errors.contactPhone}
      />
      {form.coverPreview && <CoverImage src={form.coverPreview} alt="已选择的封面图片" />}
      <Button block disabled={uploading || !form.unitId} onClick={pickCover}>
        {uploading ? '正在上传封面…' : form.coverFileId ? '更换封面图片' : '选择封面图片（可不选）'}
      </Button>
      {failure && <ErrorNotice message={failure} />}
      <Button variant="primary" block disabled={busy} onClick={submit}>
        {busy ? '正在保存…' : editing ? '保存修改' : '发布活动'}
      </Button>
    </View>
  )
}
