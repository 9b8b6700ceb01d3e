import type { CertificateView } from '@core/contract'

/** 270 → '4.5 小时' */
export function hours(minutes: number): string {
  return `${Math.round((minutes / 60) * 100) / 100} 小时`
}

/** ZM2026K7QD3M9XHT2A5 → ZM2026-K7QD-3M9X-HT2A-5 */
export function grouped(n: string): string {
  return `${n.slice(0, 6)}-${n.slice(6, 10)}-${n.slice(10, 14)}-${n.slice(14, 18)}-${n.slice(18)}`
}

export function periodText(c: Pick<CertificateView, 'from' | 'to'>): string {
  return `${c.from} 至 ${c.to}`
}

/** The default period asked for: this year from 1 January to today (Shanghai). */
export function defaultPeriod(now = Date.now()): { from: string; to: string } {
  const today = new Date(now + 8 * 3600_000).toISOString().slice(0, 10)
  return { from: `${today.slice(0, 4)}-01-01`, to: today }
}
