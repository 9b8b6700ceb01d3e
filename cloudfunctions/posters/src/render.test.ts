import { PNG } from 'pngjs'
import QRCode from 'qrcode'
import type { PosterLine } from '../../../core/contract/posters'
import { POSTER_WIDTH, posterSvg, wrap } from '../../../core/posters/layout'
import { DEBIAN_CJK_FONT_PATH, loadCjkFont } from '../../../server/cjk-font'
import { renderPng } from './render'

const lines: PosterLine[] = [
  {
    activityId: 'a1',
    title: '重阳敬老助餐暨健康义诊',
    when: '12月1日 星期二 上午9:00–11:00',
    place: '幸福里社区党群服务中心二楼',
    note: '需报名 · 限 30 人',
  },
  {
    activityId: 'a2',
    title: '文明实践日：垃圾分类进社区',
    when: '12月5日 星期六 下午2:00–4:00',
    place: '南门广场',
    note: '文明实践日',
  },
]

/** Dark pixels (ink) inside a box of a decoded PNG. */
function inkIn(png: PNG, box: { x: number; y: number; width: number; height: number }): number {
  let n = 0
  for (let y = Math.max(0, Math.floor(box.y)); y < Math.min(png.height, box.y + box.height); y++) {
    for (let x = Math.max(0, Math.floor(box.x)); x < Math.min(png.width, box.x + box.width); x++) {
      const i = (y * png.width + x) * 4
      if (png.data[i]! < 100 && png.data[i + 1]! < 100 && png.data[i + 2]! < 100) n++
    }
  }
  return n
}

async function qrBase64(): Promise<string> {
  return (await QRCode.toBuffer('s=QH-S01', { width: 430, margin: 1 })).toString('base64')
}

describe('the weekly poster drawn with resvg-wasm and the CJK font', () => {
  it('is 1080 px wide, as tall as the layout says, with the Chinese title drawn in ink', async () => {
    const font = await loadCjkFont({ path: DEBIAN_CJK_FONT_PATH, fileID: '' })
    const layout = posterSvg({
      unitName: '幸福里社区新时代文明实践站',
      phone: '0536-7211001',
      weekLabel: '11月30日–12月6日',
      lines,
      more: 0,
      codePngBase64: await qrBase64(),
    })
    const t0 = process.hrtime.bigint()
    const bytes = await renderPng(layout.svg, font)
    const ms = Number(process.hrtime.bigint() - t0) / 1e6
    console.log(
      `poster render: ${ms.toFixed(0)} ms, ${(bytes.length / 1024).toFixed(1)} KB, ${layout.width}×${layout.height}`,
    )
    const png = PNG.sync.read(bytes)
    expect(png.width).toBe(POSTER_WIDTH)
    expect(png.height).toBe(layout.height)
    expect(layout.height).toBeGreaterThan(1500)
    const box = layout.firstTitleBox!
    // 11 characters at 60 px: thousands of ink pixels when the glyphs are drawn
    expect(inkIn(png, box)).toBeGreaterThan(3000)
  })

  it('draws no title without the font (what the ink count above depends on)', async () => {
    const layout = posterSvg({
      unitName: '幸福里社区新时代文明实践站',
      phone: '',
      weekLabel: '11月30日–12月6日',
      lines,
      more: 0,
      codePngBase64: await qrBase64(),
    })
    const png = PNG.sync.read(await renderPng(layout.svg, null))
    expect(inkIn(png, layout.firstTitleBox!)).toBe(0)
  })
})

describe('wrap', () => {
  it('breaks Chinese text at the width and ends a cut last line with …', () => {
    expect(wrap('一二三四五六七八九十', 100, 500, 3)).toEqual(['一二三四五', '六七八九十'])
    expect(wrap('一二三四五六七八九十一二', 100, 300, 2)).toEqual(['一二三', '四五…'])
    expect(wrap('Room 101', 100, 1000)).toEqual(['Room 101'])
  })
})
