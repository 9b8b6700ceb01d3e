/**
 * The weekly poster's drawing (docs/posters.md): layout + resvg-wasm render with the CJK font, for an empty
 * week, a usual week (6 activities) and a full poster (20, the most drawn). Prints time, size and height;
 * the first render includes compiling the wasm module and parsing the font (a cold function instance).
 * `npm run bench -- posters`
 */
import QRCode from 'qrcode'
import type { PosterLine } from '../core/contract/posters'
import { posterSvg } from '../core/posters/layout'
import { loadCjkFont } from '../server/cjk-font'
import { renderPng } from '../cloudfunctions/posters/src/render'

function lines(n: number): PosterLine[] {
  return Array.from({ length: n }, (_, i) => ({
    activityId: `a${i}`,
    title: i % 3 === 0 ? `重阳敬老助餐暨健康义诊进社区志愿服务活动第${i + 1}场` : `书法公益课第${i + 1}讲`,
    when: '12月1日 星期二 上午9:00–11:00',
    place: '城关街道幸福里社区党群服务中心二楼多功能活动室',
    note: i % 2 ? '需报名 · 限 30 人' : null,
  }))
}

async function main(): Promise<void> {
  const t0 = performance.now()
  const font = await loadCjkFont({ fileID: '' })
  console.log(
    `font load: ${(performance.now() - t0).toFixed(0)} ms (${(font.bytes.length / 1e6).toFixed(1)} MB)`,
  )
  const code = (await QRCode.toBuffer('s=QH-S01', { width: 430, margin: 1 })).toString('base64')
  for (const [label, n] of [
    ['cold, 6 activities', 6],
    ['empty week', 0],
    ['6 activities', 6],
    ['20 activities', 20],
  ] as const) {
    const layout = posterSvg({
      unitName: '幸福里社区新时代文明实践站',
      phone: '0536-7211001',
      weekLabel: '11月30日–12月6日',
      lines: lines(n),
      more: 0,
      codePngBase64: code,
    })
    const t = performance.now()
    const png = await renderPng(layout.svg, font)
    const ms = performance.now() - t
    console.log(
      `${label.padEnd(20)} ${ms.toFixed(0).padStart(6)} ms  ${(png.length / 1024).toFixed(1).padStart(7)} KB  ${layout.width}×${layout.height}`,
    )
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
