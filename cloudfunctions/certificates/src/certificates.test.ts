/**
 * 志愿服务记录证明 through the real function: issuer settings, a volunteer's request (hours grouped by
 * month from confirmed service records and rated orders), a manager's issue in scope, the log, revoke by
 * the issuer only, the public verify answering only its five fields, bad input writing nothing, and the
 * PDF: glyphs for 𠮷 堃 燚 really embedded (not .notdef) and its QR decoding to the verify link.
 */
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import {
  certificateLog,
  certificates as certificatesSpec,
} from '../../../core/contract/certificates.collections'
import { volunteers, type VolunteerDoc } from '../../../core/contract/people.collections'
import { serviceRecords, type ServiceDoc } from '../../../core/contract/signin.collections'
import { users } from '../../../core/contract/users.collections'
import { formatCertificateNumber } from '../../../core/certificates/number'
import { DEMO_IDENTITIES, DEMO_IDS } from '../../../scripts/seed'
import { startTestCloud, type TestCloud } from '../../../testing/function-cloud'
import { decodeQr, glyphProgramsFor, linkUris } from './pdf-inspect'

const STATION = DEMO_IDS.firstStation
const S01_PATH = [DEMO_IDS.center, 'u-qh-i01', STATION]
const RARE = 'cert-rare-name'
/** a volunteer of a unit outside the network's issuers (no issuer block on their path) */
const FAR = 'cert-far'
const OTHER_MANAGER = 'cert-other-station-manager'
const { volunteer, stationManager, centerAdmin, resident } = DEMO_IDENTITIES

let t: TestCloud
let demoVolunteer: VolunteerDoc
/** what the demo seed holds (scripts/seed/certificates.ts): two certificates, three log lines */
const base = { certs: 0, logs: 0 }

function record(
  openid: string,
  name: string,
  activityId: string,
  start: string,
  minutes: number,
  title: string,
): ServiceDoc {
  const s = new Date(`${start}T09:00:00+08:00`)
  return {
    _id: serviceRecords.id(activityId, openid),
    activityId,
    activityTitle: title,
    unitId: STATION,
    unitName: '幸福里社区新时代文明实践站',
    unitPath: S01_PATH,
    activityStart: s,
    activityEnd: new Date(s.getTime() + 3 * 3600_000),
    openid,
    name,
    signInAt: s,
    signOutAt: new Date(s.getTime() + minutes * 60_000),
    status: 'confirmed',
    minutes,
    autoClosed: false,
    locationOverride: false,
    distanceMeters: null,
    confirmedBy: stationManager,
    confirmedAt: new Date(s.getTime() + 4 * 3600_000),
    corrections: [],
    revision: 1,
  }
}

async function count(spec: typeof certificatesSpec | typeof certificateLog): Promise<number> {
  return (await t.cloud.db.find(spec.name, {})).length
}

beforeAll(async () => {
  execFileSync('bash', [path.resolve(__dirname, '..', '..', '..', 'scripts', 'install-cjk-font.sh')])
  t = await startTestCloud()
  const [v] = (await t.cloud.db.find(volunteers.name, { _id: volunteer })) as unknown as VolunteerDoc[]
  demoVolunteer = v!
  await t.cloud.db.insertMany(volunteers.name, [
    {
      ...demoVolunteer,
      _id: RARE,
      number: 'QH-990001',
      name: '𠮷堃燚',
      idNumberMasked: '3707**********1234',
    },
    { ...demoVolunteer, _id: FAR, number: 'QH-990002', homeUnitId: 'u-nowhere', homeUnitPath: ['u-nowhere'] },
  ])
  // a manager of the neighbouring station: a manager, but not over the first station's certificates
  await t.cloud.db.insertMany(users.name, [
    { _id: OTHER_MANAGER, grants: [{ role: 'manager', unitId: 'u-qh-s02' }], createdAt: new Date() },
  ])
  base.certs = await count(certificatesSpec)
  base.logs = await count(certificateLog)
  await t.cloud.db.insertMany(serviceRecords.name, [
    record(volunteer, demoVolunteer.name, 'cert-a1', '2025-01-05', 120, '关爱老人助餐服务'),
    record(volunteer, demoVolunteer.name, 'cert-a2', '2025-01-20', 90, '文明交通劝导'),
    record(
      volunteer,
      demoVolunteer.name,
      serviceRecords.orderActivityId('cert-o1'),
      '2025-02-03',
      60,
      '理发',
    ),
    {
      ...record(volunteer, demoVolunteer.name, 'cert-a3', '2025-02-10', 45, '未确认的活动'),
      status: 'closed',
    },
    record(volunteer, demoVolunteer.name, 'cert-a4', '2025-04-01', 30, '期外的活动'),
    record(RARE, '𠮷堃燚', 'cert-a5', '2025-03-01', 150, '垃圾分类宣传'),
  ])
})
afterAll(async () => {
  await t.stop()
})

describe('issuer settings', () => {
  it('a request with no issuer block on the volunteer’s path is refused with what to do, nothing written', async () => {
    expect(base.certs).toBe(2)
    const res = await t.as(FAR).call('certificates', 'request', { from: '2025-01-01', to: '2025-03-31' })
    expect(res).toMatchObject({ ok: false, code: 'NO_ISSUER', message: expect.stringContaining('专管员') })
    expect(await count(certificatesSpec)).toBe(base.certs)
  })

  it('a station manager sets the station’s; a manager elsewhere is refused; bad phone refused', async () => {
    const none = await t.as(centerAdmin).ok('certificates', 'issuerGet', { unitId: 'u-qh-s02' })
    expect(none.issuer).toBeNull()
    const set = await t.as(stationManager).ok('certificates', 'issuerSet', {
      unitId: STATION,
      head: '王建国',
      handler: '李晓红',
      phone: '0631-5201234',
    })
    expect(set.issuer).toMatchObject({ unitId: STATION, head: '王建国', handler: '李晓红' })
    const other = await t.as(stationManager).call('certificates', 'issuerSet', {
      unitId: DEMO_IDS.center,
      head: '甲',
      handler: '乙',
      phone: '0631-5201234',
    })
    expect(other).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const bad = await t.as(stationManager).call('certificates', 'issuerSet', {
      unitId: STATION,
      head: '王建国',
      handler: '李晓红',
      phone: '电话',
    })
    expect(bad).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      fields: { phone: expect.stringContaining('联系电话') },
    })
    const got = await t.as(centerAdmin).ok('certificates', 'issuerGet', { unitId: STATION })
    expect(got.issuer?.phone).toBe('0631-5201234')
  })
})

let number = ''

describe('request (我的证书)', () => {
  it('issues the four blocks from confirmed records of the period, grouped by month, and logs it', async () => {
    const { certificate: c, reused } = await t
      .as(volunteer)
      .ok('certificates', 'request', { from: '2025-01-01', to: '2025-03-31' })
    expect(reused).toBe(false)
    number = c.number
    expect(c.number).toMatch(/^ZM\d{4}[0-9A-Z]{13}$/)
    expect(c).toMatchObject({
      status: 'issued',
      name: demoVolunteer.name,
      volunteerNumber: demoVolunteer.number,
      minutes: 270,
      issuedVia: 'self',
      issuer: { unitId: STATION, head: '王建国', handler: '李晓红', phone: '0631-5201234' },
      canRevoke: false,
    })
    expect(c.groups.map((g) => [g.month, g.minutes, g.lines.map((l) => [l.title, l.kind])])).toEqual([
      [
        '2025-01',
        210,
        [
          ['关爱老人助餐服务', 'activity'],
          ['文明交通劝导', 'activity'],
        ],
      ],
      ['2025-02', 60, [['理发', 'order']]],
    ])
    const logs = (await t.cloud.db.find(certificateLog.name, { number })) as Array<{
      action: string
      by: string
    }>
    expect(logs).toEqual([expect.objectContaining({ action: 'issue', by: volunteer })])
    const mine = await t.as(volunteer).ok('certificates', 'mine', {})
    expect(mine.isVolunteer).toBe(true)
    expect(mine.items[0]!.number).toBe(number)
    expect(mine.items).toHaveLength(base.certs + 1)
  })

  it('the same period again answers the same certificate', async () => {
    const again = await t
      .as(volunteer)
      .ok('certificates', 'request', { from: '2025-01-01', to: '2025-03-31' })
    expect(again).toMatchObject({ reused: true, certificate: { number } })
    expect(await count(certificatesSpec)).toBe(base.certs + 1)
  })

  it.each([
    [{ from: '2025-03-01', to: '2025-01-01' }, 'INVALID_INPUT', '开始日期不能晚于结束日期'],
    [{ from: '2025-02-30', to: '2025-03-01' }, 'INVALID_INPUT', '不是有效日期'],
    [{ from: '2025/01/01', to: '2025-03-01' }, 'INVALID_INPUT', '格式应为'],
    [{ from: '2015-01-01', to: '2025-03-01' }, 'INVALID_PERIOD', '最多涵盖 5 年'],
    [{ from: '2099-01-01', to: '2099-03-01' }, 'INVALID_PERIOD', '不能晚于今天'],
    [{ from: '2024-01-01', to: '2024-12-31' }, 'NO_SERVICE', '没有经确认的志愿服务时长'],
  ])('bad period %j → %s, nothing written', async (input, code, words) => {
    const res = await t.as(volunteer).call('certificates', 'request', input)
    expect(res).toMatchObject({ ok: false, code, message: expect.stringContaining(words) })
    expect(await count(certificatesSpec)).toBe(base.certs + 1)
    expect(await count(certificateLog)).toBe(base.logs + 1)
  })

  it('a resident who is no volunteer is told to register first', async () => {
    const res = await t.as(resident).call('certificates', 'request', { from: '2025-01-01', to: '2025-03-31' })
    expect(res).toMatchObject({
      ok: false,
      code: 'NOT_VOLUNTEER',
      message: expect.stringContaining('成为志愿者'),
    })
    expect((await t.as(resident).ok('certificates', 'mine', {})).isVolunteer).toBe(false)
  })
})

describe('issue (a manager for a volunteer of the subtree)', () => {
  it('the center admin issues for the rare-name volunteer; the station manager sees it in list', async () => {
    const { certificate } = await t
      .as(centerAdmin)
      .ok('certificates', 'issue', { volunteerNumber: 'QH-990001', from: '2025-01-01', to: '2025-12-31' })
    expect(certificate).toMatchObject({ name: '𠮷堃燚', minutes: 150, issuedVia: 'manager', canRevoke: true })
    expect(certificate.idNumberMasked).toBe('3707**********1234')
    const list = await t.as(stationManager).ok('certificates', 'list', {})
    expect(list.items.map((i) => i.number)).toEqual(expect.arrayContaining([number, certificate.number]))
    expect(list.items).toHaveLength(base.certs + 2)
  })

  it('a volunteer outside the manager’s subtree is FORBIDDEN, nothing written', async () => {
    const before = await count(certificatesSpec)
    const res = await t
      .as(stationManager)
      .call('certificates', 'issue', { volunteerNumber: 'QH-990002', from: '2025-01-01', to: '2025-12-31' })
    expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await count(certificatesSpec)).toBe(before)
  })

  it('an unknown volunteer number is NOT_VOLUNTEER', async () => {
    const res = await t
      .as(stationManager)
      .call('certificates', 'issue', { volunteerNumber: 'QH-000000', from: '2025-01-01', to: '2025-12-31' })
    expect(res).toMatchObject({ ok: false, code: 'NOT_VOLUNTEER' })
  })
})

describe('verify (public)', () => {
  it('answers only number, masked name, hours, issuer, dates and status — to anyone', async () => {
    const { check } = await t.as('someone-from-the-street').ok('certificates', 'verify', {
      number: formatCertificateNumber(number).toLowerCase(),
    })
    expect(Object.keys(check).sort()).toEqual(
      ['hours', 'issuedOn', 'issuerUnitName', 'maskedName', 'number', 'revokedOn', 'status'].sort(),
    )
    expect(check).toMatchObject({ number, hours: '4.5', status: 'issued', revokedOn: null })
    expect(check.maskedName).not.toBe(demoVolunteer.name)
    expect(check.maskedName).toMatch(/\*/)
    const text = JSON.stringify(check)
    for (const secret of [
      demoVolunteer.number,
      demoVolunteer.phone,
      '王建国',
      '李晓红',
      '0631-5201234',
      '关爱老人',
    ]) {
      expect(text).not.toContain(secret)
    }
  })

  it('a typo is caught by the check character (no read), an unknown number is NOT_FOUND', async () => {
    const typo = number.slice(0, 10) + (number[10] === 'A' ? 'B' : 'A') + number.slice(11)
    expect(await t.as(resident).call('certificates', 'verify', { number: typo })).toMatchObject({
      ok: false,
      code: 'BAD_NUMBER',
    })
    expect(await t.as(resident).call('certificates', 'verify', { number: '' })).toMatchObject({
      code: 'INVALID_INPUT',
    })
    expect(
      await t.as(resident).call('certificates', 'verify', { number: 'ZM2026000000000000K' }),
    ).toMatchObject({
      ok: false,
      code: expect.stringMatching(/NOT_FOUND|BAD_NUMBER/),
    })
  })
})

describe('the PDF', () => {
  it('renders 𠮷 堃 燚 with real glyphs, and its QR and link open the verify page', async () => {
    const list = await t.as(centerAdmin).ok('certificates', 'list', {})
    const rare = list.items.find((i) => i.name === '𠮷堃燚')!
    const res = await t.as(RARE).ok('certificates', 'pdf', { number: rare.number })
    expect(res.name).toBe(`志愿服务记录证明-${rare.number}.pdf`)
    const pdf = Buffer.from(await (await fetch(res.url!)).arrayBuffer())
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const programs = glyphProgramsFor(pdf, ['𠮷', '堃', '燚', '志', '证'])
    expect(programs.map((p) => (p ? 'glyph' : 'missing'))).toEqual([
      'glyph',
      'glyph',
      'glyph',
      'glyph',
      'glyph',
    ])
    // distinct characters, distinct outlines
    expect(new Set(programs.map((p) => p!.toString('hex'))).size).toBe(5)
    // a character the PDF does not hold is reported missing (the check can fail)
    expect(glyphProgramsFor(pdf, ['龘'])).toEqual([null])
    const link = `${t.cloud.url}/#/verify/pages/index/index?n=${rare.number}`
    expect(decodeQr(pdf)).toBe(link)
    expect(linkUris(pdf)).toContain(link)
  })

  it('only its holder or a manager of the issuer gets it', async () => {
    expect(await t.as(resident).call('certificates', 'pdf', { number })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    })
    const own = await t.as(volunteer).ok('certificates', 'pdf', { number })
    expect(own.fileId).toContain(`certificates/${number}.pdf`)
  })
})

describe('revoke', () => {
  it('only a manager of the issuing unit or above; a reason is required', async () => {
    expect(
      await t.as(volunteer).call('certificates', 'revoke', { number, reason: '自己撤销' }),
    ).toMatchObject({
      code: 'FORBIDDEN',
    })
    expect(
      await t.as(OTHER_MANAGER).call('certificates', 'revoke', { number, reason: '别站撤销' }),
    ).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('幸福里社区') })
    expect(await t.as(OTHER_MANAGER).call('certificates', 'pdf', { number })).toMatchObject({
      code: 'NOT_FOUND',
    })
    expect(await t.as(stationManager).call('certificates', 'revoke', { number, reason: '' })).toMatchObject({
      code: 'INVALID_INPUT',
    })
    expect(
      ((await t.cloud.db.find(certificatesSpec.name, { _id: number })) as Array<{ status: string }>)[0]!
        .status,
    ).toBe('issued')
  })

  it('revoked: logged, the verify page says so with the date, no PDF, a second revoke refused', async () => {
    const { certificate } = await t
      .as(centerAdmin)
      .ok('certificates', 'revoke', { number, reason: '服务时长录入有误' })
    expect(certificate).toMatchObject({ status: 'revoked', revokeReason: '服务时长录入有误' })
    const { check } = await t.as(resident).ok('certificates', 'verify', { number })
    expect(check.status).toBe('revoked')
    expect(check.revokedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(await t.as(volunteer).call('certificates', 'pdf', { number })).toMatchObject({ code: 'REVOKED' })
    expect(
      await t.as(stationManager).call('certificates', 'revoke', { number, reason: '再撤一次' }),
    ).toMatchObject({
      code: 'ALREADY_REVOKED',
    })
    const logs = (await t.cloud.db.find(certificateLog.name, { number })) as Array<{
      action: string
      by: string
    }>
    expect(logs.map((l) => [l.action, l.by]).sort()).toEqual([
      ['issue', volunteer],
      ['revoke', centerAdmin],
    ])
  })
})
