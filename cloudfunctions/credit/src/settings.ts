/** A center's star settings (credit_settings), or the defaults while it has saved none. */
import { creditSettings } from '../../../core/contract/credit.collections'
import { defaultStarSettings, type StarSettings } from '../../../core/credit/stars'
import { from } from '../../../server/db'
import type { Db } from '../../../server/types'

export async function starSettingsOf(
  db: Db,
  centerId: string,
): Promise<StarSettings & { isDefault: boolean }> {
  const doc = await from(db, creditSettings).byId(centerId)
  if (!doc) return { ...defaultStarSettings(), isDefault: true }
  return {
    starHours: doc.starHours,
    noticeWorkingDays: doc.noticeWorkingDays,
    holidays: doc.holidays,
    workdays: doc.workdays,
    isDefault: false,
  }
}
