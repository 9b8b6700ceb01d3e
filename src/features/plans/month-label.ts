/** Words for plan months and dates: 'YYYY-MM' → 12月, 'YYYY-MM-DD' → 12月5日. */
export function monthName(month: string): string {
  return `${Number(month.slice(5, 7))}月`
}

export function dayName(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`
}

export const KIND_NAMES = { festival: '节日', custom: '重要日期', practiceDay: '文明实践日' } as const
