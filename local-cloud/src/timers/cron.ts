import { Cron } from 'croner'

/**
 * Timer triggers use a 7-field cron: second minute hour day month weekday year, evaluated in UTC+8
 * (platform-facts: timer triggers). croner handles the first six; the year field is checked here.
 */
const SHANGHAI = 'Asia/Shanghai'
const UTC8_MS = 8 * 3600_000
const MIN_YEAR = 1970
const MAX_YEAR = 2099

export interface ParsedCron {
  expression: string
  /** The first six fields, for croner. */
  pattern: string
  yearMatches: (year: number) => boolean
}

export function parseCron(expression: string): ParsedCron {
  const fields = expression.trim().split(/\s+/)
  if (fields.length !== 7) {
    throw new Error(`cron "${expression}": needs 7 fields (second minute hour day month weekday year)`)
  }
  const weekday = fields[5]
  // WeChat's trigger docs say 0 is Monday, Tencent SCF's say 0 is Sunday: only names are unambiguous.
  if (/(^|[,-])\d/.test(weekday)) {
    throw new Error(
      `cron "${expression}": write the weekday as MON…SUN, not a number (the docs disagree on 0)`,
    )
  }
  const pattern = fields.slice(0, 6).join(' ')
  // Let croner reject a malformed pattern now rather than when it is first due.
  new Cron(pattern, { timezone: SHANGHAI, paused: true }).stop()
  return { expression, pattern, yearMatches: parseYearField(fields[6], expression) }
}

function parseYearField(field: string, expression: string): (year: number) => boolean {
  const allowed = new Set<number>()
  for (const item of field.split(',')) {
    const m = /^(\*|(\d{4})(?:-(\d{4}))?)(?:\/(\d+))?$/.exec(item)
    if (!m) throw new Error(`cron "${expression}": bad year "${item}"`)
    const from = m[1] === '*' ? MIN_YEAR : Number(m[2])
    const to = m[1] === '*' || (m[3] === undefined && m[4] !== undefined) ? MAX_YEAR : Number(m[3] ?? m[2])
    const step = m[4] === undefined ? 1 : Number(m[4])
    if (from < MIN_YEAR || to > MAX_YEAR || from > to || step < 1) {
      throw new Error(`cron "${expression}": year "${item}" outside ${MIN_YEAR}–${MAX_YEAR}`)
    }
    for (let y = from; y <= to; y += step) allowed.add(y)
  }
  return (year) => allowed.has(year)
}

function shanghaiYear(d: Date): number {
  return new Date(d.getTime() + UTC8_MS).getUTCFullYear()
}

/**
 * The first time strictly after `from` at which the trigger fires, or null if it never fires again.
 * Example: '0 0 9 14 * * *' (09:00 on the 14th, Beijing time) → 01:00 UTC on the 14th.
 */
export function nextFireTime(cron: string | ParsedCron, from: Date): Date | null {
  const parsed = typeof cron === 'string' ? parseCron(cron) : cron
  const job = new Cron(parsed.pattern, { timezone: SHANGHAI, paused: true })
  try {
    let cursor = from
    for (let guard = 0; guard <= MAX_YEAR - MIN_YEAR + 1; guard++) {
      const next = job.nextRun(cursor)
      if (!next) return null
      const year = shanghaiYear(next)
      if (parsed.yearMatches(year)) return next
      let nextYear = year + 1
      while (nextYear <= MAX_YEAR && !parsed.yearMatches(nextYear)) nextYear++
      if (nextYear > MAX_YEAR) return null
      // One second before 00:00 on 1 January (UTC+8) of the next allowed year.
      cursor = new Date(Date.UTC(nextYear, 0, 1) - UTC8_MS - 1000)
    }
    return null
  } finally {
    job.stop()
  }
}
