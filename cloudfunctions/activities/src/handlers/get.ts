import { holdsOver } from '../../../../server/auth'
import { activities } from '../../../../core/contract/activities.collections'
import { from } from '../../../../server/db'
import { callerOnDemand } from '../../../../server/router'
import { tempUrl } from '../../../../server/storage'
import type { Cloud } from '../../../../server/types'
import { holdingUnit, loadUnit } from '../../../../server/units'
import { changeTemplate } from '../tell'
import { loadActivity, toListItem } from './docs'

/** The detail page in one call: the activity, its unit's address and phone, and my registration. */
export const get = callerOnDemand<'activities', 'get'>(async (input, { db, caller, now, cloud }) => {
  const [activity, mine] = await Promise.all([
    loadActivity(db, input.id),
    from(db, activities).count({ _id: input.id, registrants: caller.openid }),
  ])
  const [unit, coverUrl, template] = await Promise.all([
    loadUnit(db, activity.unitId),
    coverUrlOf(cloud, activity.coverFileId),
    changeTemplate(db),
  ])
  return {
    activity: {
      ...toListItem(activity),
      description: activity.description,
      theme: activity.theme,
      volunteerSlots: activity.volunteerSlots,
      coverFileId: activity.coverFileId,
      coverUrl,
      contactPhone: activity.contactPhone,
      cancelReason: activity.cancelReason,
      unitAddress: unit?.address ?? '',
      unitPhone: unit?.phone ?? '',
    },
    registered: mine > 0,
    changeTemplateId: template.id,
    canManage: holdsOver(await caller.load(), 'manager', holdingUnit(activity)),
    serverNow: now().getTime(),
  }
})

/** A temporary https URL for a cloud-storage cover; a missing file just means no cover is shown. */
async function coverUrlOf(cloud: Cloud, fileId: string | null): Promise<string | null> {
  // only this environment's cloud files (create/update check it; older records may hold a URL)
  if (!fileId?.startsWith(`cloud://${cloud.getWXContext().ENV}.`)) return null
  try {
    return await tempUrl(cloud, fileId)
  } catch {
    return null
  }
}
