import { stationCodes as stationCodesSpec } from '../../../core/contract/codes.collections'
import { startTestCloud, type TestCloud } from '../../../testing/function-cloud'
import { getUnlimited, wxacodeTarget } from '../../../local-cloud/src/openapi/wxacode'
import { DEMO_IDENTITIES, DEMO_IDS } from '../../../scripts/seed'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(async () => {
  await t.stop()
})

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  .toString('base64')
  .slice(0, 10)

describe('codes.list', () => {
  it('lists the units a manager prints codes for: their unit and everything under it', async () => {
    const station = await t.as(DEMO_IDENTITIES.stationManager).ok('codes', 'list', {})
    expect(station.units.map((u) => [u.unitId, u.level])).toEqual([
      [DEMO_IDS.firstStation, 'station'],
      ['u-qh-p01', 'point'],
    ])
    expect(station.units[0]).toMatchObject({ scene: 's=QH004', fileID: null, generatedAt: null, version: 0 })

    const center = await t.as(DEMO_IDENTITIES.centerAdmin).ok('codes', 'list', {})
    expect(center.units).toHaveLength(19)
    expect(center.units[0]!.level).toBe('center')
    const institute = await t.as(DEMO_IDENTITIES.centerAdmin).ok('codes', 'list', { unitId: 'u-qh-i03' })
    expect(institute.units.map((u) => u.unitId)).toEqual([
      'u-qh-i03',
      'u-qh-s09',
      'u-qh-s10',
      'u-qh-s11',
      'u-qh-s12',
    ])
  })

  it('is for managers only, within their own units', async () => {
    for (const who of [DEMO_IDENTITIES.resident, DEMO_IDENTITIES.volunteer]) {
      await expect(t.as(who).call('codes', 'list', {})).resolves.toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      })
    }
    await expect(
      t.as(DEMO_IDENTITIES.stationManager).call('codes', 'list', { unitId: 'u-qh-s05' }),
    ).resolves.toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})

describe('codes.generate and codes.image', () => {
  it('generates a unit’s code once, stores it, and makes a new one only on request', async () => {
    const manager = t.as(DEMO_IDENTITIES.stationManager)
    const first = await manager.ok('codes', 'generate', { unitId: DEMO_IDS.firstStation })
    expect(first.created).toBe(true)
    expect(first.code).toMatchObject({
      unitId: DEMO_IDS.firstStation,
      unitName: '幸福里社区新时代文明实践站',
      scene: 's=QH004',
      version: 1,
      generatedBy: DEMO_IDENTITIES.stationManager,
    })
    expect(first.code.fileID).toMatch(/^cloud:\/\/.+\/station-codes\/u-qh-s01\/v1\.png$/)

    const again = await manager.ok('codes', 'generate', { unitId: DEMO_IDS.firstStation })
    expect(again).toEqual({ created: false, code: first.code })
    expect(t.cloud.db.find(stationCodesSpec.name)).toHaveLength(1)

    const image = await manager.ok('codes', 'image', { unitId: DEMO_IDS.firstStation })
    expect(image.dataUrl.startsWith(`data:image/png;base64,${PNG_SIGNATURE}`)).toBe(true)
    expect(image.code.unitName).toBe('幸福里社区新时代文明实践站')

    const renewed = await manager.ok('codes', 'generate', { unitId: DEMO_IDS.firstStation, regenerate: true })
    expect(renewed.created).toBe(true)
    expect(renewed.code.version).toBe(2)
    expect(renewed.code.fileID).toMatch(/\/v2\.png$/)
    const listed = await manager.ok('codes', 'list', {})
    expect(listed.units[0]).toMatchObject({ fileID: renewed.code.fileID, version: 2 })
  })

  it('encodes the scan page and the station scene (locally: the H5 URL of the scan page)', async () => {
    const admin = t.as(DEMO_IDENTITIES.centerAdmin)
    const generated = await admin.ok('codes', 'generate', { unitId: 'u-qh-s09' })
    expect(generated.code.scene).toBe('s=QH012')
    const { dataUrl } = await admin.ok('codes', 'image', { unitId: 'u-qh-s09' })
    const expected = await getUnlimited(
      { scene: 's=QH012', page: 'pages/scan/index', width: 860 },
      { h5BaseUrl: () => t.cloud.url },
    )
    if (expected.kind !== 'buffer') throw new Error('the local wxacode refused the scene')
    expect(Buffer.from(dataUrl.split(',')[1]!, 'base64').equals(expected.data)).toBe(true)
    expect(wxacodeTarget(t.cloud.url, 'pages/scan/index', 's=QH012')).toBe(
      `${t.cloud.url}/#/pages/scan/index?scene=s%3DQH012`,
    )
  })

  it('answers plainly when the code does not exist yet, and refuses other managers', async () => {
    await expect(
      t.as(DEMO_IDENTITIES.centerAdmin).call('codes', 'image', { unitId: 'u-qh-s02' }),
    ).resolves.toMatchObject({
      ok: false,
      code: 'CODE_NOT_GENERATED',
      message: expect.stringMatching(/还没有生成/),
    })
    await expect(
      t.as(DEMO_IDENTITIES.stationManager).call('codes', 'generate', { unitId: 'u-qh-s02' }),
    ).resolves.toMatchObject({ ok: false, code: 'FORBIDDEN' })
    await expect(
      t.as(DEMO_IDENTITIES.volunteer).call('codes', 'generate', { unitId: DEMO_IDS.firstStation }),
    ).resolves.toMatchObject({ ok: false, code: 'FORBIDDEN' })
    await expect(
      t.as(DEMO_IDENTITIES.centerAdmin).call('codes', 'generate', { unitId: 'u-nope' }),
    ).resolves.toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })
})
