import type { PracticeActivity } from '../../../../core/contract'
import {
  activities as activitiesOf,
  type ActivityDoc,
} from '../../../../core/contract/activities.collections'
import { parseShanghaiDate } from '../../../../core/time'
import { from } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import { isNotFound } from '../../../../server/router'
import { comingInfo, defaultSettings, loadSettings, planMonthsAround } from '../model'
import { overlayThemes } from '../../../../core/plans/plan'
import { residentPlace } from './scope'

const MAX_SHOWN = 50

/** The coming practice day and its activities (the station's and its points', or the whole center's). */
export const upcoming: Handler<'notices', 'upcoming'> = async (input, ctx) => {
  const { db, _ } = ctx
  const now = ctx.now()
  const { center, station } = await residentPlace(ctx, input)
  // the settings and the plan's month themes (the theme's source) side by side: no round added
  const [stored, planMonths] = await Promise.all([
    loadSettings(db, center._id),
    planMonthsAround(db, center._id, now),
  ])
  const s = stored ?? defaultSettings(center._id, now)
  const info = comingInfo({ ...s, themes: overlayThemes(s.themes, planMonths) }, now)
  const start = parseShanghaiDate(info.date)
  const end = new Date(start.getTime() + 24 * 3600_000)
  let found: ActivityDoc[] = []
  try {
    found = await from(db, activitiesOf).find((ref) =>
      ref
        .where({
          unitPath: station?._id ?? center._id,
          start: _.gte(start).and(_.lt(end)),
          practiceDay: true,
          status: 'published',
        })
        .orderBy('start', 'asc')
        .field({ title: true, unitId: true, unitName: true, place: true, start: true, end: true })
        .limit(MAX_SHOWN),
    )
  } catch (err) {
    if (!isNotFound(err)) throw err
  }
  const activities: PracticeActivity[] = found.map((a) => ({
    _id: a._id,
    title: a.title,
    unitId: a.unitId,
    unitName: a.unitName,
    place: a.place,
    start: new Date(a.start).getTime(),
    end: new Date(a.end).getTime(),
  }))
  return { ...info, centerId: center._id, centerName: center.name, activities }
}
