import type { StarSettingsView, StarView } from '../../../../core/contract/credit'
import {
  creditAccounts,
  creditSettings,
  creditStars,
  type StarDoc,
} from '../../../../core/contract/credit.collections'
import { calendarProblem, OFFICIAL_CALENDAR_YEARS } from '../../../../core/credit/calendar'
import { noticeEnd, starHoursProblem, type StarSettings } from '../../../../core/credit/stars'
import { AppError } from '../../../../core/errors'
import { maskName } from '../../../../core/network/rules'
import { epochMs } from '../../../../core/time'
import { grantedUnitIds, requireManagerOf } from '../../../../server/auth'
import { from } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import type { Command, Db } from '../../../../server/types'
import { holdingUnit } from '../../../../server/units'
import { starSettingsOf } from '../settings'
import { centerOf, requireNetworkManager } from './rules'

function view(s: StarDoc): StarView {
  return {
    _id: s._id,
    name: maskName(s.name),
    level: s.level,
    hours: s.hours,
    unitName: s.unitName,
    status: s.status,
    noticeEndsAt: s.noticeEndsAt ? epochMs(s.noticeEndsAt) : null,
    reachedAt: epochMs(s.reachedAt),
    awardedAt: s.awardedAt ? epochMs(s.awardedAt) : null,
  }
}

function settingsView(centerId: string, s: StarSettings & { isDefault: boolean }): StarSettingsView {
  return {
    centerId,
    starHours: s.starHours,
    noticeWorkingDays: s.noticeWorkingDays,
    holidays: s.holidays,
    workdays: s.workdays,
    isDefault: s.isDefault,
    officialYears: [...OFFICIAL_CALENDAR_YEARS],
  }
}

export const starSettings: Handler<'credit', 'starSettings'> = async (input, { db, _, caller }) => {
  const center = await centerOf(db, input.centerId)
  await requireNetworkManager(db, _, caller, center)
  return { settings: settingsView(center._id, await starSettingsOf(db, center._id)) }
}

/** The center's admins replace its settings; stars already queued or decided keep theirs. */
export const saveStarSettings: Handler<'credit', 'saveStarSettings'> = async (input, { db, caller, now }) => {
  const center = await centerOf(db, input.centerId)
  requireManagerOf(caller, center)
  const hoursProblem = starHoursProblem(input.starHours)
  if (hoursProblem) throw new AppError('INVALID_INPUT', hoursProblem, { starHours: hoursProblem })
  const holidays = [...new Set(input.holidays)].sort()
  const workdays = [...new Set(input.workdays)].sort()
  const calProblem = calendarProblem({ holidays, workdays })
  if (calProblem) throw new AppError('INVALID_INPUT', calProblem, { holidays: calProblem })
  const settings: StarSettings = {
    starHours: input.starHours,
    noticeWorkingDays: input.noticeWorkingDays,
    holidays,
    workdays,
  }
  await db
    .collection(creditSettings.name)
    .doc(center._id)
    .set({ data: { ...settings, updatedBy: caller.openid, updatedAt: now() } })
  return { settings: settingsView(center._id, { ...settings, isDefault: false }) }
}

export const starQueue: Handler<'credit', 'starQueue'> = async (_input, { db, _, caller }) => {
  const scope = grantedUnitIds(caller, 'manager')
  const stars = await from(db, creditStars).find((q) =>
    q
      .where({ unitPath: _.in(scope), status: _.in(['pending', 'publicizing', 'awarded']) })
      .orderBy('reachedAt', 'desc')
      .limit(200),
  )
  // waiting for a decision first (oldest first), then in 公示, then awarded (newest first)
  const order = { pending: 0, publicizing: 1, awarded: 2, rejected: 3 } as const
  stars.sort(
    (a, b) =>
      order[a.status] - order[b.status] ||
      (a.status === 'pending' ? a.reachedAt.getTime() - b.reachedAt.getTime() : 0),
  )
  return { stars: stars.map(view) }
}

/** One decision per star: a conditional update on `pending`; a manager never decides their own. */
export const decideStar: Handler<'credit', 'decideStar'> = async (input, { db, caller, now }) => {
  const stars = from(db, creditStars)
  const star = await stars.byId(input.id)
  if (!star) throw new AppError('NOT_FOUND', '没有找到这条星级记录')
  requireManagerOf(caller, holdingUnit(star))
  if (star.openid === caller.openid)
    throw new AppError('SELF_AWARD', '不能审核自己的星级，请由其他专管员办理')
  const at = now()
  const settings = input.approve ? await starSettingsOf(db, star.unitPath[0] ?? star.unitId) : null
  const data = settings
    ? {
        status: 'publicizing' as const,
        decidedBy: caller.openid,
        decidedAt: at,
        noticeEndsAt: noticeEnd(at, settings.noticeWorkingDays, settings),
      }
    : { status: 'rejected' as const, decidedBy: caller.openid, decidedAt: at }
  if ((await stars.update({ _id: star._id, status: 'pending' }, data)) === 0) {
    throw new AppError('ALREADY_DECIDED', '这条星级已由其他专管员审核过了')
  }
  return { star: view({ ...star, ...data }) }
}

/** Timer: stars whose 公示 has ended are awarded (the account keeps the highest). */
export async function awardStars(db: Db, _: Command, now: Date): Promise<number> {
  const stars = from(db, creditStars)
  const due = await stars.find((q) => q.where({ status: 'publicizing', noticeEndsAt: _.lte(now) }).limit(200))
  let awarded = 0
  for (const s of due) {
    if (
      (await stars.update({ _id: s._id, status: 'publicizing' }, { status: 'awarded', awardedAt: now })) === 0
    )
      continue
    awarded++
    const accounts = from(db, creditAccounts)
    await accounts.update({ _id: s.openid, stars: _.lt(s.level) }, { stars: s.level })
    await accounts.update({ _id: s.openid, stars: _.exists(false) }, { stars: s.level })
  }
  return awarded
}
