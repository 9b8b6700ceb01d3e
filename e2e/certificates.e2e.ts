/**
 * 志愿服务记录证明 in the browser: a volunteer with confirmed hours asks for a certificate in 我的证书
 * (elder mode at 320 px, axe clean), the PDF downloads and is read back — its glyphs for the names, its
 * QR decoded from the drawn squares — the QR's address opens the public verify page, which shows the
 * number, the masked name, the hours and the issuer and nothing else; the station manager revokes it and
 * the verify page then says it was revoked, with the date.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import type { LocalCloud } from '../local-cloud/src'
import { serviceRecords, type ServiceDoc } from '../core/contract/signin.collections'
import { volunteers, type VolunteerDoc } from '../core/contract/people.collections'
import { maskName } from '../core/people/mask'
import { DEMO_IDENTITIES, DEMO_IDS } from '../scripts/seed'
import { decodeQr, glyphProgramsFor, linkUris } from '../cloudfunctions/certificates/src/pdf-inspect'
import { axeViolations } from './support/axe'
import { SMALL_PHONE, launchBrowser, newPhone } from './support/browser'
import { appUrl, startDemoCloud } from './support/cloud'
import { expectElderFriendly } from './support/elder'

let cloud: LocalCloud
let browser: Browser
const dir = mkdtempSync(path.join(tmpdir(), 'certificates-e2e-'))

beforeAll(async () => {
  ;[cloud, browser] = await Promise.all([startDemoCloud(), launchBrowser()])
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await cloud?.stop()
  rmSync(dir, { recursive: true, force: true })
})

const { volunteer, stationManager } = DEMO_IDENTITIES
const STATION = DEMO_IDS.firstStation

function confirmed(
  activityId: string,
  day: string,
  minutes: number,
  title: string,
  name: string,
): ServiceDoc {
  const start = new Date(`${day}T09:00:00+08:00`)
  return {
    _id: serviceRecords.id(activityId, volunteer),
    activityId,
    activityTitle: title,
    unitId: STATION,
    unitName: '幸福里社区新时代文明实践站',
    unitPath: [DEMO_IDS.center, 'u-qh-i01', STATION],
    activityStart: start,
    activityEnd: new Date(start.getTime() + 4 * 3600_000),
    openid: volunteer,
    name,
    signInAt: start,
    signOutAt: new Date(start.getTime() + minutes * 60_000),
    status: 'confirmed',
    minutes,
    autoClosed: false,
    locationOverride: false,
    distanceMeters: null,
    confirmedBy: stationManager,
    confirmedAt: new Date(start.getTime() + 5 * 3600_000),
    corrections: [],
    revision: 1,
  }
}

test('a volunteer gets a certificate PDF whose QR verifies it; revoked, the page says so', async () => {
  const [me] = cloud.db.find(volunteers.name, { _id: volunteer }) as unknown as VolunteerDoc[]
  // a period of its own (2024), so the seed's certificates and hours do not mix in: 3 h + 1.5 h
  await cloud.db.insertMany(serviceRecords.name, [
    confirmed('e2e-cert-1', '2024-05-11', 180, '敬老院陪伴服务', me!.name),
    confirmed('e2e-cert-2', '2024-06-08', 90, '文明交通劝导', me!.name),
  ] as unknown as Record<string, unknown>[])

  const phone = await newPhone(browser, { viewport: SMALL_PHONE })
  try {
    // 1. elder mode on, 我的 → 我的证书
    const page = await phone.newPage()
    await page.goto(appUrl(cloud, 'pages/index/index', volunteer))
    const elderSwitch = page.getByRole('switch', { name: /长辈模式/ })
    if ((await elderSwitch.getAttribute('aria-checked')) !== 'true') await elderSwitch.click()
    await page.goto(appUrl(cloud, 'mine/pages/my/index', volunteer))
    await page.getByRole('button', { name: '我的证书（志愿服务记录证明）' }).click()
    await page.getByRole('heading', { level: 1, name: '我的证书' }).waitFor()
    await page.getByRole('list', { name: '我的证书' }).waitFor()
    await expectElderFriendly(page)

    // 2. ask for 2024
    await page.getByLabel('开始日期').fill('2024-01-01')
    await page.getByLabel('结束日期').fill('2024-12-31')
    await page.getByRole('button', { name: '申请这段时间的证明' }).click()
    const issued = page.getByText(/^证明已出具：编号 ZM/)
    await issued.waitFor().catch(async (err: unknown) => {
      throw new Error(`${String(err)}\nthe page says:\n${await page.locator('body').innerText()}`)
    })
    const number = /编号 (ZM[0-9A-Z-]+)/.exec(await issued.innerText())![1]!.replace(/-/g, '')
    expect(await issued.innerText()).toContain('4.5 小时')
    await expectElderFriendly(page)

    // 3. the PDF: downloaded from the list, read back
    const row = page
      .getByRole('list', { name: '我的证书' })
      .getByRole('listitem')
      .filter({ hasText: '2024-01-01 至 2024-12-31' })
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      row.getByRole('button', { name: /打开证明/ }).click(),
    ])
    expect(download.suggestedFilename()).toBe(`志愿服务记录证明-${number}.pdf`)
    const file = path.join(dir, 'certificate.pdf')
    await download.saveAs(file)
    const pdf = readFileSync(file)
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const nameChars = [...me!.name]
    expect(glyphProgramsFor(pdf, nameChars).every(Boolean)).toBe(true)
    const link = decodeQr(pdf)
    expect(link).toBe(`${cloud.url}/#/verify/pages/index/index?n=${number}`)
    expect(linkUris(pdf)).toContain(link)

    // 4. the QR's address: the public page, for anyone (a fresh phone, no identity chosen)
    const stranger = await (await newPhone(browser, { viewport: SMALL_PHONE })).newPage()
    await stranger.goto(link!)
    await stranger.getByText('此证明真实有效').waitFor()
    const shown = await stranger.locator('.page__main').innerText()
    expect(shown).toContain(`${number.slice(0, 6)}-`)
    expect(shown).toContain(maskName(me!.name))
    expect(shown).toContain('4.5 小时')
    expect(shown).toContain('幸福里社区新时代文明实践站')
    for (const hidden of [
      me!.name,
      me!.number,
      me!.phone,
      '王建国',
      '李晓红',
      '0631-5201234',
      '敬老院陪伴服务',
    ]) {
      expect(shown).not.toContain(hidden)
    }
    expect(await axeViolations(stranger)).toEqual([])
    // the same page on the holder's phone, in elder mode at 320 px
    const elderView = await phone.newPage()
    await elderView.goto(link!)
    await elderView.getByText('此证明真实有效').waitFor()
    await expectElderFriendly(elderView)
    await elderView.close()

    // 5. the station manager revokes it from 志愿服务记录证明
    const manager = await (await newPhone(browser, { viewport: SMALL_PHONE })).newPage()
    await manager.goto(appUrl(cloud, 'manager/pages/certificates/index', stationManager))
    const issuedList = manager.getByRole('list', { name: '已出具的证明' })
    const mrow = issuedList.getByRole('listitem').filter({ hasText: '2024-01-01 至 2024-12-31' })
    await mrow.getByLabel('撤销原因').fill('服务时长有误，重新出具')
    await mrow.getByRole('button', { name: /^撤销证明/ }).click()
    await issuedList
      .getByRole('listitem')
      .filter({ hasText: '2024-01-01 至 2024-12-31' })
      .getByText(/^已于 .* 撤销：服务时长有误/)
      .waitFor()

    // 6. the verify page now says revoked, with the date
    await stranger.reload()
    const revoked = stranger.getByText(/^此证明已于 \d{4}-\d{2}-\d{2} 被出具单位撤销，不再有效$/)
    await revoked.waitFor()
    expect(await stranger.getByText('此证明真实有效').count()).toBe(0)

    // 7. back in 我的证书 the holder sees it revoked, with no PDF to open
    await page.reload()
    const mine = page
      .getByRole('list', { name: '我的证书' })
      .getByRole('listitem')
      .filter({ hasText: '2024-01-01 至 2024-12-31' })
    await mine.getByText(/撤销：服务时长有误/).waitFor()
    expect(await mine.getByRole('button', { name: /打开证明/ }).count()).toBe(0)
    await expectElderFriendly(page)
  } finally {
    await phone.close()
  }
}, 240_000)
