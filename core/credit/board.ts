/**
 * 晾榜 (a unit's points board for a month): who earned the most, names masked (张*明), people who chose
 * to hide left out. Ties share a rank (并列) and are ordered by a fixed key, so the same data always
 * gives the same board. Pure: the function reads, this ranks.
 */
import { maskName } from '../network/rules'

export interface BoardInput {
  openid: string
  points: number
  name: string | null
  hidden: boolean
}

export interface BoardRow {
  rank: number
  /** masked: 张*明 */
  name: string
  points: number
  /** "第 3 名" or "并列第 3 名": the tie is written, not only implied */
  rankText: string
}

export function rankBoard(entries: readonly BoardInput[], size: number): BoardRow[] {
  const shown = entries
    .filter((e) => !e.hidden && e.points > 0)
    .sort((a, b) => b.points - a.points || (a.openid < b.openid ? -1 : a.openid > b.openid ? 1 : 0))
    .slice(0, size)
  const rows: BoardRow[] = []
  for (let i = 0; i < shown.length; i++) {
    const e = shown[i]!
    const rank = i > 0 && shown[i - 1]!.points === e.points ? rows[i - 1]!.rank : i + 1
    const tied = shown.some((o, j) => j !== i && o.points === e.points)
    rows.push({
      rank,
      name: maskName(e.name),
      points: e.points,
      rankText: `${tied ? '并列' : ''}第 ${rank} 名`,
    })
  }
  return rows
}
