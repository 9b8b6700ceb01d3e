/**
 * Function instances are processes of their own on the real clock, so a test cannot pin "now" for
 * them; data is made relative to the clock instead. A test whose setup and checks must see one Shanghai
 * day (this week's seeded activities, today's activity on the station landing) calls this first: when
 * the next Shanghai midnight, where days, weeks and months turn, is less than `withinMs` away, it waits
 * until just past it. At any other moment it returns at once. Give the hook a timeout above `withinMs`.
 */
import { dayRange } from '../core/time'

export async function clearOfMidnight(withinMs: number): Promise<void> {
  const now = Date.now()
  const left = dayRange(now).end.getTime() - now
  if (left < withinMs) await new Promise((resolve) => setTimeout(resolve, left + 1000))
}
