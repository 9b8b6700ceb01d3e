/**
 * The certificate as a PDF (A4, pdfkit): the four blocks of 民发〔2015〕149号 in Noto Sans CJK SC
 * (server/cjk-font.ts; pdfkit embeds only the glyphs used, with a ToUnicode map, so any name renders and
 * copies — 𠮷 U+20BB7 included), and a QR code of the verification link drawn as vector squares (sharp
 * when printed) under a link annotation to the same address.
 */
import QRCode from 'qrcode'
import type { CertificateDoc } from '../../../core/contract/certificates.collections'
import { formatCertificateNumber } from '../../../core/certificates/number'
import { hoursText } from '../../../core/certificates/service'
import { formatDate } from '../../../core/time'
import type { CjkFont } from '../../../server/cjk-font'

// required, not imported: esbuild then takes pdfkit's CommonJS build; its ES module build reads
// import.meta.url, which a CommonJS bundle does not have ("Invalid URL" at load)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const PDFDocument = require('pdfkit') as typeof import('pdfkit')

// pdfkit's own font parser (pdfkit accepts a parsed face in place of bytes)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fontkit = require('fontkit') as { create(bytes: Buffer, postscriptName?: string): unknown }

const MM = 72 / 25.4

/** The parsed face, once per instance: parsing the 19 MB collection is most of a first PDF's time. */
let parsed: { bytes: Buffer; face: unknown } | undefined
function face(font: CjkFont): unknown {
  if (parsed?.bytes !== font.bytes) {
    parsed = {
      bytes: font.bytes,
      face: fontkit.create(font.bytes, font.collection ? font.postscriptName : undefined),
    }
  }
  return parsed.face
}

function dateCn(ymd: string): string {
  const [y, m, d] = ymd.split('-')
  return `${y}年${Number(m)}月${Number(d)}日`
}

export async function renderCertificatePdf(c: CertificateDoc, font: CjkFont, link: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 20 * MM,
    // no standard font: pdfkit would read Helvetica's metrics from a file the bundle does not carry
    font: null as unknown as string,
    info: { Title: `志愿服务记录证明 ${c._id}`, Author: c.issuerUnitName, Subject: '志愿服务记录证明' },
  })
  const chunks: Buffer[] = []
  doc.on('data', (b: Buffer) => chunks.push(b))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  doc.registerFont('cjk', face(font) as Buffer)
  doc.font('cjk')
  const left = doc.page.margins.left
  const width = doc.page.width - left - doc.page.margins.right

  doc.fontSize(22).text('志愿服务记录证明', { align: 'center' })
  doc.moveDown(0.3)
  doc
    .fontSize(10)
    .fillColor('#444')
    .text(`证书编号：${formatCertificateNumber(c._id)}`, { align: 'center' })
  doc.fillColor('#000').moveDown(1)

  const heading = (t: string) => {
    doc.moveDown(0.6).fontSize(13).text(t)
    const y = doc.y + 2
    doc
      .moveTo(left, y)
      .lineTo(left + width, y)
      .lineWidth(0.5)
      .stroke('#999')
    doc.moveDown(0.5).fontSize(11)
  }

  heading('一、志愿者信息')
  doc.text(`姓名：${c.name}`)
  doc.text(`志愿者编号：${c.volunteerNumber}`)
  if (c.idNumberMasked) doc.text(`身份证件号码：${c.idNumberMasked}`)

  heading('二、志愿服务信息')
  doc.text(`服务时段：${dateCn(c.from)} 至 ${dateCn(c.to)}`)
  doc.text(`经确认的志愿服务时长合计：${hoursText(c.minutes)} 小时`)
  if (c.groups.length === 0) doc.text('该时段内没有经确认的志愿服务记录。')
  for (const g of c.groups) {
    const [y, m] = g.month.split('-')
    doc.moveDown(0.3).text(`${y}年${Number(m)}月  共 ${hoursText(g.minutes)} 小时`)
    for (const l of g.lines) {
      doc
        .fontSize(10)
        .fillColor('#333')
        .text(
          `    ${l.date}  ${l.title}（${l.unitName}${l.kind === 'order' ? '，点单服务' : ''}）  ${hoursText(l.minutes)} 小时`,
          {
            width,
          },
        )
    }
    if (g.more > 0) doc.fontSize(10).text(`    另有 ${g.more} 项服务，计入本月合计`)
    doc.fontSize(11).fillColor('#000')
  }

  heading('三、出具单位信息')
  doc.text(`出具单位：${c.issuerUnitName}（盖章）`)
  doc.text(`负责人：${c.head}`)
  doc.text(`经办人：${c.handler}`)
  doc.text(`联系电话：${c.phone}`)

  heading('四、证明编号与日期')
  doc.text(`证书编号：${formatCertificateNumber(c._id)}`)
  doc.text(`出具日期：${dateCn(formatDate(c.issuedAt))}`)
  doc.moveDown(0.5)
  doc
    .fontSize(9)
    .fillColor('#444')
    .text(
      '本证明依据《志愿服务记录办法》（民发〔2015〕149号）出具，记录的服务时长均经服务组织确认。扫描右侧二维码可核验本证明的真实性。',
      {
        width: width - 40 * MM,
      },
    )

  // the QR: vector squares + a link annotation over them (docs/certificates.md "Verification")
  const qr = QRCode.create(link, { errorCorrectionLevel: 'M' })
  const size = 32 * MM
  const cell = size / (qr.modules.size + 8)
  const qx = left + width - size
  const qy = Math.min(doc.y + 4 * MM, doc.page.height - doc.page.margins.bottom - size)
  doc.rect(qx, qy, size, size).fill('#ffffff')
  for (let r = 0; r < qr.modules.size; r++) {
    for (let col = 0; col < qr.modules.size; col++) {
      if (qr.modules.get(r, col)) doc.rect(qx + (col + 4) * cell, qy + (r + 4) * cell, cell, cell)
    }
  }
  doc.fill('#000000')
  doc.link(qx, qy, size, size, link)
  doc
    .fontSize(8)
    .fillColor('#444')
    .text('扫码核验', qx, qy + size + 1, { width: size, align: 'center' })
  doc.end()
  return done
}
