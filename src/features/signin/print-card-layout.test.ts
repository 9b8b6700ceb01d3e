import { CARD, cardLines } from './print-card-layout'

describe('cardLines', () => {
  it('wraps a long unit name and keeps every line on the card', () => {
    const lines = cardLines('幸福里社区新时代文明实践站（城关街道）')
    expect(lines.map((l) => l.text)).toEqual([
      '幸福里社区新时代文明实践站（',
      '城关街道）',
      '微信扫码：查看今日活动、签到',
    ])
    for (const l of lines) {
      expect(l.y).toBeGreaterThan(CARD.codeY + CARD.codeSize)
      expect(l.y).toBeLessThan(CARD.height)
    }
    expect(new Set(lines.map((l) => l.y)).size).toBe(lines.length)
  })

  it('fits a short name on one line', () => {
    expect(cardLines('朝阳暖心食堂实践点').map((l) => l.text)).toEqual([
      '朝阳暖心食堂实践点',
      '微信扫码：查看今日活动、签到',
    ])
  })
})
