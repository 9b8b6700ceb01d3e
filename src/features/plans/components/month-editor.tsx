import { View } from '@tarojs/components'
import { useState } from 'react'
import type { PlanMonthView, PlanUnitOption, PlanView } from '@core/contract'
import { festivalsOf, PLAN_LIMITS } from '@core/plans/plan'
import { Button } from '@/components/button'
import { ErrorNotice } from '@/components/error-notice'
import { ChoiceField, DateField, TextField } from '@/components/form-fields'
import { api } from '@/lib/api'
import { toCloudError } from '@/lib/cloud'
import { monthName } from '../month-label'

interface DraftKeyDate {
  date: string
  kind: 'festival' | 'custom'
  title: string
  unitId: string
}

export interface MonthEditorProps {
  plan: PlanView
  month: PlanMonthView
  onSaved: (plan: PlanView) => void
  onCancel: () => void
}

/** Edits one month of the plan: theme, key dates with their responsible units, the practice day's unit. */
export function MonthEditor({ plan, month, onSaved, onCancel }: MonthEditorProps) {
  const name = monthName(month.month)
  const [theme, setTheme] = useState(month.theme ?? '')
  const [keyDates, setKeyDates] = useState<DraftKeyDate[]>(() =>
    month.keyDates.flatMap((k) =>
      k.kind === 'practiceDay' ? [] : [{ date: k.date, kind: k.kind, title: k.title, unitId: k.unitId }],
    ),
  )
  const [practiceUnit, setPracticeUnit] = useState(month.practiceDayUnitId ?? plan.centerId)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState<string>()
  const [busy, setBusy] = useState(false)
  const options = plan.units.map((u: PlanUnitOption) => ({ value: u._id, label: u.name }))

  const change = (i: number, over: Partial<DraftKeyDate>) =>
    setKeyDates((list) => list.map((k, j) => (j === i ? { ...k, ...over } : k)))
  const add = (k: DraftKeyDate) => setKeyDates((list) => [...list, k])

  const save = async () => {
    setBusy(true)
    setFailure(undefined)
    setErrors({})
    try {
      const saved = await api.plans.setMonth({
        centerId: plan.centerId,
        month: month.month,
        theme,
        keyDates,
        practiceDayUnitId: practiceUnit === plan.centerId ? null : practiceUnit,
        baseVersion: plan.version,
      })
      onSaved(saved)
    } catch (e) {
      const error = toCloudError(e)
      setErrors(error.fields ?? {})
      setFailure(error.message)
    } finally {
      setBusy(false)
    }
  }

  const unused = festivalsOf(month.month).filter((f) => !keyDates.some((k) => k.date === f.date))
  return (
    <View className="plan-editor">
      <TextField
        id="plan-theme"
        label={`${name}主题（不超过 ${PLAN_LIMITS.themeMax} 个字）`}
        value={theme}
        onChange={setTheme}
        error={errors.theme}
      />
      <ChoiceField
        id="plan-practice-unit"
        label={`${name}文明实践日责任单位`}
        value={practiceUnit}
        options={options}
        onChange={setPracticeUnit}
        error={errors.practiceDayUnitId}
      />
      {keyDates.map((k, i) => (
        <View key={i} className="plan-editor__key">
          <DateField
            id={`plan-key-${i}-date`}
            label={`重要日期${i + 1}：日期`}
            value={k.date}
            onChange={(date) => change(i, { date })}
            error={errors[`keyDates.${i}.date`]}
          />
          <TextField
            id={`plan-key-${i}-title`}
            label={`重要日期${i + 1}：名称`}
            value={k.title}
            onChange={(title) => change(i, { title })}
            error={errors[`keyDates.${i}.title`]}
          />
          <ChoiceField
            id={`plan-key-${i}-unit`}
            label={`重要日期${i + 1}：责任单位`}
            value={k.unitId}
            options={options}
            onChange={(unitId) => change(i, { unitId })}
            error={errors[`keyDates.${i}.unitId`]}
          />
          <Button onClick={() => setKeyDates((list) => list.filter((_, j) => j !== i))}>
            {`删除重要日期${i + 1}`}
          </Button>
        </View>
      ))}
      {keyDates.length < PLAN_LIMITS.keyDatesPerMonth && (
        <>
          {unused.map((f) => (
            <Button key={f.date} onClick={() => add({ ...f, kind: 'festival', unitId: plan.centerId })}>
              {`添加节日：${f.title}`}
            </Button>
          ))}
          <Button
            onClick={() =>
              add({ date: `${month.month}-01`, kind: 'custom', title: '', unitId: plan.centerId })
            }
          >
            添加重要日期
          </Button>
        </>
      )}
      {failure && <ErrorNotice message={failure} />}
      <Button variant="primary" block disabled={busy} onClick={save}>
        {busy ? '正在保存…' : `保存${name}计划`}
      </Button>
      <Button block onClick={onCancel}>
        不改了
      </Button>
    </View>
  )
}
