/** The printable card: an A6-ish portrait, the code on top, the unit's name (wrapped) and a hint below. */
export const CARD = { width: 1240, height: 1748, codeX: 190, codeY: 160, codeSize: 860 } as const

const FONT = '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif'
const NAME_CHARS_PER_LINE = 14

export interface CardLine {
  text: string
  font: string
  y: number
}

/** The name in lines of at most 14 characters (a station's full name runs to about 20), then the hint. */
export function cardLines(unitName: string): CardLine[] {
  const parts: string[] = []
  for (let i = 0; i < unitName.length; i += NAME_CHARS_PER_LINE)
    parts.push(unitName.slice(i, i + NAME_CHARS_PER_LINE))
  const lines = parts.map((text, i) => ({
    text,
    font: `bold 72px ${FONT}`,
    y: CARD.codeY + CARD.codeSize + 140 + i * 100,
  }))
  const last = lines[lines.length - 1]?.y ?? CARD.codeY + CARD.codeSize + 40
  lines.push({ text: '微信扫码：查看今日活动、签到', font: `48px ${FONT}`, y: last + 120 })
  return lines
}
