/** Date and time fields of the publish form, read and written in Asia/Shanghai. */
import { parseShanghaiDate, shanghai, type Instant } from '../time'

/** "2026-11-25" + "09:30" → the instant, whatever the phone's own time zone. */
export function atShanghai(ymd: string, hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm)
  if (!m) throw new RangeError(`not a HH:mm time: ${hhmm}`)
  return parseShanghaiDate(ymd).getTime() + (Number(m[1]) * 60 + Number(m[2])) * 60_000
}

/** The instant as the form's two fields. */
export function dateTimeFields(t: Instant): { date: string; time: string } {
  const d = shanghai(t)
  return { date: d.format('YYYY-MM-DD'), time: d.format('HH:mm') }
}
