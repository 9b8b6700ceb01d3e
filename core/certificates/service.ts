/**
 * The service block of a certificate: confirmed service in a period, grouped by month (the period rows
 * of 民发〔2015〕149号's 服务记录), each with its hours and what the service was. Pure: the function reads
 * the records, this shapes them.
 */

export interface ServiceLine {
  /** the activity's (or order's) title */
  title: string
  /** the unit that held it */
  unitName: string
  /** YYYY-MM-DD (Shanghai) of the service */
  date: string
  minutes: number
  kind: 'activity' | 'order'
}

export interface ServiceGroup {
  /** YYYY-MM */
  month: string
  minutes: number
  /** what the service was, in order of date (at most MAX_LINES_PER_GROUP; `more` counts the rest) */
  lines: ServiceLine[]
  more: number
}

export const MAX_LINES_PER_GROUP = 12

export function groupService(lines: readonly ServiceLine[]): { groups: ServiceGroup[]; minutes: number } {
  const sorted = [...lines]
    .filter((l) => l.minutes > 0)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  const byMonth = new Map<string, ServiceLine[]>()
  for (const l of sorted) {
    const month = l.date.slice(0, 7)
    const list = byMonth.get(month) ?? []
    list.push(l)
    byMonth.set(month, list)
  }
  const groups = [...byMonth].map(([month, ls]) => ({
    month,
    minutes: ls.reduce((s, l) => s + l.minutes, 0),
    lines: ls.slice(0, MAX_LINES_PER_GROUP),
    more: Math.max(0, ls.length - MAX_LINES_PER_GROUP),
  }))
  return { groups, minutes: groups.reduce((s, g) => s + g.minutes, 0) }
}

/** Minutes as hours for print: 90 → '1.5', 100 → '1.67', 120 → '2'. */
export function hoursText(minutes: number): string {
  return String(Math.round((minutes / 60) * 100) / 100)
}

/** The longest period one certificate covers (a person asks for several periods separately). */
export const MAX_PERIOD_DAYS = 366 * 5
