/** H5: draws the printable card (code + the unit's name) on a canvas and downloads it as a PNG. */
import { CARD, cardLines } from './print-card-layout'

export async function savePrintCard(dataUrl: string, unitName: string): Promise<string> {
  const image = new Image()
  await new Promise<void>((resolve, reject) => {
    image.onload = () => resolve()
    image.onerror = reject
    image.src = dataUrl
  })
  const canvas = document.createElement('canvas')
  canvas.width = CARD.width
  canvas.height = CARD.height
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('no 2d canvas')
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, CARD.width, CARD.height)
  ctx.drawImage(image, CARD.codeX, CARD.codeY, CARD.codeSize, CARD.codeSize)
  ctx.fillStyle = '#1f1f1f'
  ctx.textAlign = 'center'
  for (const line of cardLines(unitName)) {
    ctx.font = line.font
    ctx.fillText(line.text, CARD.width / 2, line.y)
  }
  const link = document.createElement('a')
  link.href = canvas.toDataURL('image/png')
  link.download = `${unitName}-二维码.png`
  document.body.appendChild(link)
  link.click()
  link.remove()
  return '已下载打印图片，可以打印后张贴在站点门口'
}
