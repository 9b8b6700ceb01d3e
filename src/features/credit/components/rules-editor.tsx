import { View } from '@tarojs/components'
import { useState } from 'react'
import type { RuleView } from '@core/contract'
import { WEIHAI_SCALE } from '@core/credit/rules'
import { formatDate } from '@core/time'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Card, Field, Note } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { DateField, TextField } from '@/components/form-fields'
import { Heading } from '@/components/heading'
import { api } from '@/lib/api'
import { useMutation } from '@/lib/use-mutation'
import { parsePercents } from '../admin-text'
import './credit.css'
import './admin.css'

interface TierText {
  fromHours: string
  points: string
  hours: string
}

const toText = (scale: RuleView['scale']): TierText[] =>
  scale.map((t) => ({ fromHours: String(t.fromHours), points: String(t.points), hours: String(t.hours) }))

/** "每 1 小时 10 分" / "从 20 小时起，每 2 小时 1 分". */
export function tierText(t: RuleView['scale'][number]): string {
  return `${t.fromHours > 0 ? `从 ${t.fromHours} 小时起，` : ''}每 ${t.hours} 小时 ${t.points} 分`
}

/** One version in words, for the history list. */
function RuleSummary({ rule }: { rule: RuleView }) {
  const cats = Object.entries(rule.categoryPercent)
  return (
    <View className="credit-row" {...a11y({ role: 'listitem' })}>
      <View className="credit-row__title">
        第 {rule.version} 版 · {rule.version === 0 ? '默认规则' : `${rule.effectiveFrom} 起`}
      </View>
      <View className="credit-row__line">{rule.scale.map(tierText).join('；')}</View>
      <View className="credit-row__line">
        单次活动上限 {rule.capPerActivity ?? '不限'} · 每日上限 {rule.capPerDay ?? '不限'}
      </View>
      {cats.length > 0 && (
        <View className="credit-row__line">类别系数：{cats.map(([c, p]) => `${c} ${p}%`).join('、')}</View>
      )}
      <View className="credit-row__line">
        好评加分：
        {rule.goodRatingBonus > 0 ? `${rule.goodRatingStars} 星及以上加 ${rule.goodRatingBonus} 分` : '无'}
      </View>
    </View>
  )
}

const num = (s: string): number => (s.trim() === '' ? NaN : Number(s))

/**
 * 积分规则: the version in force, a form for the next version (prefilled with it) and the history.
 * Saving makes a new version from its date; past lines keep theirs (docs/credit.md).
 */
export function RulesEditor({
  centerId,
  current,
  versions,
  onSaved,
}: {
  centerId: string
  current: RuleView
  versions: RuleView[]
  onSaved: () => void
}) {
  const [effectiveFrom, setEffectiveFrom] = useState(formatDate(Date.now()))
  const [tiers, setTiers] = useState<TierText[]>(toText(current.scale))
  const [capActivity, setCapActivity] = useState(current.capPerActivity?.toString() ?? '')
  const [capDay, setCapDay] = useState(current.capPerDay?.toString() ?? '')
  const [percents, setPercents] = useState(
    Object.entries(current.categoryPercent)
      .map(([c, p]) => `${c} ${p}`)
      .join('\n'),
  )
  const [bonus, setBonus] = useState(String(current.goodRatingBonus))
  const [bonusStars, setBonusStars] = useState(String(current.goodRatingStars))
  const [localError, setLocalError] = useState<string | null>(null)
  const [state, run] = useMutation(async () => {
    const res = await api.credit.saveRule({
      centerId,
      effectiveFrom,
      scale: tiers.map((t) => ({ fromHours: num(t.fromHours), points: num(t.points), hours: num(t.hours) })),
      capPerActivity: capActivity.trim() === '' ? null : num(capActivity),
      capPerDay: capDay.trim() === '' ? null : num(capDay),
      categoryPercent: parsePercents(percents).percents,
      goodRatingBonus: bonus.trim() === '' ? 0 : num(bonus),
      goodRatingStars: num(bonusStars),
    })
    onSaved()
    return res
  })
  const save = () => {
    const bad = parsePercents(percents).bad
    if (bad.length > 0) {
      setLocalError(`类别系数这几行看不懂：${bad.join('、')}。请写成「理论宣讲 150」的形式，每行一个`)
      return
    }
    setLocalError(null)
    void run()
  }
  const setTier = (i: number, key: keyof TierText, v: string) =>
    setTiers((ts) => ts.map((t, j) => (j === i ? { ...t, [key]: v } : t)))
  const fields = state.status === 'error' ? (state.error.fields ?? {}) : {}
  return (
    <>
      <Card label="现行规则">
        <Field name="版本">
          第 {current.version} 版
          {current.version === 0 ? '（默认：每小时 10 分）' : `，${current.effectiveFrom} 起`}
        </Field>
        <Field name="积分标准">{current.scale.map(tierText).join('；')}</Field>
      </Card>
      <Heading>保存新版本</Heading>
      <Note>新版本从生效日期起计算之后的服务；已经记入的积分不变，仍按原来的版本。</Note>
      <Card label="新版本">
        <DateField
          id="credit-rule-from"
          label="生效日期（今天或以后）"
          value={effectiveFrom}
          onChange={setEffectiveFrom}
          error={fields.effectiveFrom}
        />
        <Heading level={3}>积分标准（按累计服务时长分档）</Heading>
        {tiers.map((t, i) => (
          <View key={i} className="credit-tier" {...a11y({ role: 'group', label: `第 ${i + 1} 档` })}>
            <TextField
              id={`credit-tier-${i}-from`}
              label={`第 ${i + 1} 档从累计多少小时起`}
              type="number"
              value={t.fromHours}
              onChange={(v) => setTier(i, 'fromHours', v)}
            />
            <TextField
              id={`credit-tier-${i}-hours`}
              label="每多少小时"
              type="number"
              value={t.hours}
              onChange={(v) => setTier(i, 'hours', v)}
            />
            <TextField
              id={`credit-tier-${i}-points`}
              label="记多少分"
              type="number"
              value={t.points}
              onChange={(v) => setTier(i, 'points', v)}
            />
            {tiers.length > 1 && (
              <Button
                label={`删除第 ${i + 1} 档`}
                onClick={() => setTiers((ts) => ts.filter((_, j) => j !== i))}
              >
                删除这一档
              </Button>
            )}
          </View>
        ))}
        {fields.scale && <ErrorNotice message={fields.scale} />}
        <Button
          block
          disabled={tiers.length >= 10}
          onClick={() =>
            setTiers((ts) => [
              ...ts,
              { fromHours: String(Number(ts.at(-1)?.fromHours ?? 0) + 20), points: '1', hours: '1' },
            ])
          }
        >
          增加一档
        </Button>
        <Button block onClick={() => setTiers(toText(WEIHAI_SCALE))}>
          使用威海递减标准（20/80/200 小时分档）
        </Button>
        <TextField
          id="credit-rule-cap-activity"
          label="单次活动最多记多少分（不填为不限）"
          type="number"
          value={capActivity}
          onChange={setCapActivity}
          error={fields.capPerActivity}
        />
        <TextField
          id="credit-rule-cap-day"
          label="每人每天最多记多少分（不填为不限）"
          type="number"
          value={capDay}
          onChange={setCapDay}
          error={fields.capPerDay}
        />
        <TextField
          id="credit-rule-percents"
          label="类别系数（每行一个，如「理论宣讲 150」表示按 150% 计）"
          multiline
          value={percents}
          maxLength={400}
          onChange={setPercents}
        />
        <TextField
          id="credit-rule-bonus"
          label="好评加分（分，0 为不加）"
          type="number"
          value={bonus}
          onChange={setBonus}
          error={fields.goodRatingBonus}
        />
        <TextField
          id="credit-rule-bonus-stars"
          label="几星及以上算好评（1–5）"
          type="number"
          value={bonusStars}
          onChange={setBonusStars}
          error={fields.goodRatingStars}
        />
        {localError && <ErrorNotice message={localError} />}
        {state.status === 'error' && <ErrorNotice message={state.error.message} />}
        {state.status === 'success' && (
          <View className="credit-row__title" {...a11y({ role: 'status' })}>
            已保存为第 {state.data.rule.version} 版，{state.data.rule.effectiveFrom} 起生效
          </View>
        )}
        <Button variant="primary" block disabled={state.status === 'pending'} onClick={save}>
          {state.status === 'pending' ? '正在保存…' : '保存为新版本'}
        </Button>
      </Card>
      <Heading>历史版本</Heading>
      {versions.length === 0 ? (
        <Note>还没有保存过规则，目前按默认规则（每小时 10 分）计算。</Note>
      ) : (
        <View className="list" {...a11y({ role: 'list', label: '历史版本' })}>
          {versions.map((v) => (
            <RuleSummary key={v.version} rule={v} />
          ))}
        </View>
      )}
    </>
  )
}
