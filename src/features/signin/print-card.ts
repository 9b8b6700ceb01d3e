/**
 * The printable card (code + the unit's name) on the mini-program: drawn on an offscreen canvas and saved
 * to the phone's album, from where it can be printed or sent to a PC. H5: print-card.h5.ts downloads it.
 */
import Taro from '@tarojs/taro'
import { CARD, cardLines } from './print-card-layout'

interface Canvas2d {
  width: number
  height: number
  getContext(kind: '2d'): CanvasRenderingContext2D
  createImage(): { src: string; onload: () => void; onerror: (e: unknown) => void }
}

export async function savePrintCard(dataUrl: string, unitName: string): Promise<string> {
  const canvas = Taro.createOffscreenCanvas({
    type: '2d',
    width: CARD.width,
    height: CARD.height,
  }) as unknown as Canvas2d
  const ctx = canvas.getContext('2d')
  const image = canvas.createImage()
  await new Promise<void>((resolve, reject) => {
    image.onload = () => resolve()
    image.onerror = reject
    image.src = dataUrl
  })
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, CARD.width, CARD.height)
  ctx.drawImage(image as unknown as CanvasImageSource, CARD.codeX, CARD.codeY, CARD.codeSize, CARD.codeSize)
  ctx.fillStyle = '#1f1f1f'
  ctx.textAlign = 'center'
  for (const line of cardLines(unitName)) {
    ctx.font = line.font
    ctx.fillText(line.text, CARD.width / 2, line.y)
  }
  const { tempFilePath } = await Taro.canvasToTempFilePath({
    canvas: canvas as never,
    fileType: 'png',
  } as never)
  await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath })
  return '已保存到手机相册，可以打印后张贴在站点门口'
}
