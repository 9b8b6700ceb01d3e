import { notice_settings, type SettingsDoc } from '../../../../core/contract/notices.collections'
import { AppError } from '../../../../core/errors'
import { nextNotice } from '../../../../core/notices/schedule'
import { checkTemplateFields } from '../../../../core/notices/template'
import { requireManagerOf } from '../../../../server/auth'
import { from } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import { callActionOk } from '../../../../server/call'
import { defaultSettings, loadSettings, mergeThemes, settingsView, withPlanThemes } from '../model'
import { managedCenterIds, requireCenter } from './scope'

export const getSettings: Handler<'notices', 'getSettings'> = async (input, ctx) => {
  const centers = await managedCenterIds(ctx)
  const centerId = input.centerId ?? centers[0]
  if (!centerId || !centers.includes(centerId)) {
    throw new AppError('FORBIDDEN', '只有本实践中心及所属单位的专管员可以查看实践日设置')
  }
  const center = await requireCenter(ctx, centerId)
  const now = ctx.now()
  const s = (await loadSettings(ctx.db, centerId)) ?? defaultSettings(centerId, now)
  return settingsView(await withPlanThemes(ctx.db, s, now), center.name, now)
}

export const setSettings: Handler<'notices', 'setSettings'> = async (input, ctx) => {
  const center = await requireCenter(ctx, input.centerId)
  requireManagerOf(ctx.caller, center)
  const now = ctx.now()
  const current = (await loadSettings(ctx.db, center._id)) ?? defaultSettings(center._id, now)
  const template = input.template ?? current.template
  const problems = checkTemplateFields(template.fields)
  if (Object.keys(problems).length > 0) {
    const fields = Object.fromEntries(Object.entries(problems).map(([k, v]) => [`template.${k}`, v]))
    throw new AppError('INVALID_INPUT', Object.values(problems)[0], fields)
  }
  // the month themes are the annual plan's (plans context): written there first, so a theme the plan
  // refuses (content check) leaves the settings unwritten too; kept here as well as the fallback
  if (input.themes.length > 0) {
    await callActionOk(ctx.cloud, 'plans', 'setThemes', { centerId: center._id, themes: input.themes })
  }
  const schedule = { day: input.day, sendDaysBefore: input.sendDaysBefore, sendAt: input.sendAt }
  const next = nextNotice(now, schedule, current.lastSentMonth)
  const doc: SettingsDoc = {
    ...current,
    ...schedule,
    defaultStartTime: input.defaultStartTime,
    themes: mergeThemes(current.themes, input.themes),
    template,
    ratePerSecond: input.ratePerSecond ?? current.ratePerSecond,
    concurrency: input.concurrency ?? current.concurrency,
    nextMonth: next.month,
    nextFireAt: next.fireAt,
    saved: true,
    updatedAt: now,
    updatedBy: ctx.caller.openid,
  }
  const { _id, ...data } = doc
  await from(ctx.db, notice_settings).ref.doc(_id).set({ data })
  return settingsView(await withPlanThemes(ctx.db, doc, now), center.name, now)
}
