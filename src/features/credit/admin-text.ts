/** Parsing what a manager types on the credit admin pages (pure; manager subpackage only). */
/** Days as typed by a manager (spaces, commas, new lines) → sorted unique 'YYYY-MM-DD'; bad ones listed. */
export function parseDays(text: string): { days: string[]; bad: string[] } {
  const parts = text
    .split(/[\s,，、;；]+/)
    .map((s) => s.trim())
    .filter(Boolean)
  const bad = parts.filter((p) => !/^\d{4}-\d{2}-\d{2}$/.test(p))
  const days = [...new Set(parts.filter((p) => /^\d{4}-\d{2}-\d{2}$/.test(p)))].sort()
  return { days, bad }
}

/** "理论宣讲 150" lines → { 理论宣讲: 150 }; bad lines listed. */
export function parsePercents(text: string): { percents: Record<string, number>; bad: string[] } {
  const percents: Record<string, number> = {}
  const bad: string[] = []
  for (const line of text.split(/\n+/)) {
    const t = line.trim()
    if (!t) continue
    const m = /^(.+?)[\s:：=]+(\d+)\s*%?$/.exec(t)
    if (!m) bad.push(t)
    else percents[m[1]!.trim()] = Number(m[2])
  }
  return { percents, bad }
}
