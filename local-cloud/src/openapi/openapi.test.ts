import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inflateSync } from 'node:zlib'
import QRCode from 'qrcode'
import * as cloud from 'wx-server-sdk'
import { CloudHttpServer } from '../server'
import { OpenApi, type OpenApiOptions } from './index'
import { QR_MARGIN, wxacodeTarget } from './wxacode'

// The real SDK, pointed at our server; it reads these at call time (fake credentials skip a ~5 s probe).
process.env.TENCENTCLOUD_SECRETID = 'local'
process.env.TENCENTCLOUD_SECRETKEY = 'local'
process.env.TENCENTCLOUD = 'true'

interface SdkError {
  errCode: number
  errMsg: string
}

const OPENID = 'oLocalVolunteer0000000000001'
const TEMPLATE = 'TPL_activity_reminder_0000000000000000000001'
const PAGES = ['pages/index/index', 'pages/activity/detail', 'pages/station/index']

let server: CloudHttpServer
let api: OpenApi
let dataDir: string
let baseUrl: string
let injectFailure: ReturnType<NonNullable<OpenApiOptions['failureInjector']>>
let gate: Promise<void> | undefined

function options(): OpenApiOptions {
  return {
    dataDir,
    h5BaseUrl: () => baseUrl,
    sensitiveWords: ['违禁测试词'],
    pages: PAGES,
    failureInjector: () => injectFailure,
    sendGate: () => gate,
  }
}

async function useOpenApi(next: OpenApi): Promise<void> {
  api = next
  server.handleAdmin('wx.openApi', (req) => api.handle(req))
  server.handleAdmin('wx.api', (req) => api.handle(req))
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'openapi-test-'))
  server = new CloudHttpServer()
  server.route((req, res, url) => api.routes()(req, res, url))
  const port = await server.listen(0)
  baseUrl = `http://127.0.0.1:${port}`
  await useOpenApi(await OpenApi.open(options()))
  process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: `${baseUrl}/admin` })
  cloud.init({ env: 'test-env' })
})

afterAll(async () => {
  await api.close()
  await server.close()
  await rm(dataDir, { recursive: true, force: true })
})

beforeEach(() => {
  injectFailure = undefined
  gate = undefined
  api.clearOutbox()
})

function send(overrides: Record<string, unknown> = {}): Promise<{ errCode: number; errMsg: string }> {
  return cloud.openapi.subscribeMessage.send({
    touser: OPENID,
    templateId: TEMPLATE,
    page: 'pages/activity/detail?id=a1',
    data: {
      thing1: { value: '垃圾分类宣传' },
      time2: { value: '2025年3月8日 09:00~11:30' },
      thing3: { value: '城关镇新时代文明实践站' },
      phrase4: { value: '报名成功' },
    },
    miniprogramState: 'developer',
    lang: 'zh_CN',
    ...overrides,
  })
}

async function sendError(overrides: Record<string, unknown> = {}): Promise<SdkError> {
  try {
    await send(overrides)
  } catch (err) {
    return err as SdkError
  }
  throw new Error('expected subscribeMessage.send to throw')
}

describe('subscribeMessage.send', () => {
  it('throws 43101 when the user holds no credit, and records nothing', async () => {
    const err = await sendError({ touser: 'oNeverSubscribed00000000000001' })
    expect(err.errCode).toBe(43101)
    expect(err.errMsg).toMatch(/user refuse to accept the msg/)
    expect(api.outbox()).toHaveLength(0)
  })

  it('spends exactly one credit per message and records it in the outbox', async () => {
    api.grantSubscription(OPENID, TEMPLATE, 2)
    expect(api.credits(OPENID, TEMPLATE)).toBe(2)

    const res = await send()
    expect(res).toMatchObject({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' })
    expect(api.credits(OPENID, TEMPLATE)).toBe(1)
    const [message] = api.outbox({ touser: OPENID })
    expect(message).toMatchObject({
      touser: OPENID,
      templateId: TEMPLATE,
      page: 'pages/activity/detail?id=a1',
      data: { thing1: { value: '垃圾分类宣传' }, phrase4: { value: '报名成功' } },
      miniprogramState: 'developer',
      lang: 'zh_CN',
    })
    expect(Date.parse(message.sentAt)).not.toBeNaN()

    await send()
    expect(api.credits(OPENID, TEMPLATE)).toBe(0)
    expect((await sendError()).errCode).toBe(43101)
    expect(api.outbox({ templateId: TEMPLATE })).toHaveLength(2)
    expect(api.outbox({ templateId: 'other' })).toHaveLength(0)
  })

  it.each([
    ['thing1', { value: '这是一段超过二十个字的活动名称用来测试长度限制' }, /data\.thing1\.value invalid/],
    ['phrase4', { value: 'done' }, /data\.phrase4\.value invalid/],
    ['phrase4', { value: '报名已经成功了' }, /data\.phrase4\.value invalid/],
    ['time2', { value: '25:00' }, /data\.time2\.value invalid/],
    ['thing3', { value: '' }, /data\.thing3\.value is empty/],
    ['number5', { value: '12a' }, /data\.number5\.value invalid/],
    ['character_string6', { value: '编号123' }, /data\.character_string6\.value invalid/],
  ])(
    'throws 47003 naming %s when its value breaks the type rule, spending nothing',
    async (key, entry, message) => {
      api.grantSubscription(OPENID, TEMPLATE)
      const before = api.credits(OPENID, TEMPLATE)
      const err = await sendError({
        data: {
          thing1: { value: '活动' },
          time2: { value: '15:01' },
          thing3: { value: '文明实践站' },
          phrase4: { value: '已报名' },
          [key]: entry,
        },
      })
      expect(err.errCode).toBe(47003)
      expect(err.errMsg).toMatch(/argument invalid!/)
      expect(err.errMsg).toMatch(message)
      expect(api.credits(OPENID, TEMPLATE)).toBe(before)
      expect(api.outbox()).toHaveLength(0)
    },
  )

  it('validates touser (40003), templateId (40037) and page (41030) without spending a credit', async () => {
    api.grantSubscription(OPENID, TEMPLATE)
    const before = api.credits(OPENID, TEMPLATE)
    expect((await sendError({ touser: '' })).errCode).toBe(40003)
    expect((await sendError({ templateId: '' })).errCode).toBe(40037)
    expect((await sendError({ templateId: 'bad template id!' })).errCode).toBe(40037)
    expect((await sendError({ page: '/pages/activity/detail' })).errCode).toBe(41030)
    expect((await sendError({ page: 'pages/not/a-page' })).errCode).toBe(41030)
    expect((await sendError({ miniprogramState: 'production' })).errCode).toBe(47003)
    expect(api.credits(OPENID, TEMPLATE)).toBe(before)
    expect(api.outbox()).toHaveLength(0)
  })

  it('passes an injected transient error through and keeps the credit', async () => {
    const openid = 'oInjected000000000000000000001'
    api.grantSubscription(openid, TEMPLATE)
    injectFailure = { errCode: -1, errMsg: 'system error' }
    const err = await sendError({ touser: openid })
    expect(err.errCode).toBe(-1)
    expect(api.credits(openid, TEMPLATE)).toBe(1)

    injectFailure = undefined
    await expect(send({ touser: openid })).resolves.toMatchObject({ errCode: 0 })
    expect(api.credits(openid, TEMPLATE)).toBe(0)
  })

  it('holds a send behind a test gate, then records it and spends the credit', async () => {
    const openid = 'oGated0000000000000000000000001'
    api.grantSubscription(openid, TEMPLATE)
    let open!: () => void
    gate = new Promise((resolve) => (open = resolve))
    let answered = false
    const sent = send({ touser: openid }).finally(() => (answered = true))
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(answered).toBe(false)
    expect(api.outbox({ touser: openid })).toHaveLength(0)
    expect(api.credits(openid, TEMPLATE)).toBe(1)
    open()
    await expect(sent).resolves.toMatchObject({ errCode: 0 })
    expect(api.outbox({ touser: openid })).toHaveLength(1)
    expect(api.credits(openid, TEMPLATE)).toBe(0)
  })

  it('never spends more credits than were granted under parallel sends', async () => {
    const openid = 'oParallel000000000000000000001'
    api.grantSubscription(openid, TEMPLATE, 40)
    const results = await Promise.allSettled(Array.from({ length: 70 }, () => send({ touser: openid })))
    const ok = results.filter((r) => r.status === 'fulfilled')
    const refused = results.filter((r) => r.status === 'rejected' && (r.reason as SdkError).errCode === 43101)
    expect(ok).toHaveLength(40)
    expect(refused).toHaveLength(30)
    expect(api.credits(openid, TEMPLATE)).toBe(0)
    expect(api.outbox({ touser: openid })).toHaveLength(40)
  })

  it('keeps credits and the outbox across a restart', async () => {
    const openid = 'oRestart0000000000000000000001'
    api.grantSubscription(openid, TEMPLATE, 3)
    await send({ touser: openid })
    await api.close()
    await useOpenApi(await OpenApi.open(options()))

    expect(api.credits(openid, TEMPLATE)).toBe(2)
    expect(api.outbox({ touser: openid })).toHaveLength(1)
    await send({ touser: openid })
    expect(api.credits(openid, TEMPLATE)).toBe(1)
  })
})

/** Reads an 8-bit RGB/RGBA PNG into RGBA rows (enough for what qrcode writes). */
function decodePng(png: Buffer): { width: number; height: number; rgba: (x: number, y: number) => number[] } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  let offset = 8
  let width = 0
  let height = 0
  let channels = 0
  const idat: Buffer[] = []
  while (offset < png.length) {
    const length = png.readUInt32BE(offset)
    const type = png.toString('ascii', offset + 4, offset + 8)
    const data = png.subarray(offset + 8, offset + 8 + length)
    if (type === 'IHDR') {
      width = data.readUInt32BE(0)
      height = data.readUInt32BE(4)
      expect(data[8]).toBe(8)
      channels = ({ 2: 3, 6: 4 } as Record<number, number>)[data[9]]
      expect(channels).toBeDefined()
    }
    if (type === 'IDAT') idat.push(data)
    offset += 12 + length
  }
  const raw = inflateSync(Buffer.concat(idat))
  const stride = width * channels
  const pixels = Buffer.alloc(stride * height)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]
    if (filter === 0) {
      raw.copy(pixels, y * stride, y * (stride + 1) + 1, (y + 1) * (stride + 1))
      continue
    }
    for (let i = 0; i < stride; i++) {
      const x = raw[y * (stride + 1) + 1 + i]
      const a = i >= channels ? pixels[y * stride + i - channels] : 0
      const b = y > 0 ? pixels[(y - 1) * stride + i] : 0
      const c = i >= channels && y > 0 ? pixels[(y - 1) * stride + i - channels] : 0
      const p = a + b - c
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter]
      pixels[y * stride + i] = (x + predictor) & 0xff
    }
  }
  return {
    width,
    height,
    rgba: (x, y) => {
      const at = y * stride + x * channels
      return [pixels[at], pixels[at + 1], pixels[at + 2], channels === 4 ? pixels[at + 3] : 255]
    },
  }
}

/** True when every module of the image matches the QR code of `text` (which the image therefore encodes). */
function imageEncodes(png: Buffer, text: string): boolean {
  const image = decodePng(png)
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const size = qr.modules.size
  const scale = image.width / (size + 2 * QR_MARGIN)
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const [r] = image.rgba(
        Math.floor((QR_MARGIN + col + 0.5) * scale),
        Math.floor((QR_MARGIN + row + 0.5) * scale),
      )
      if ((r < 128 || r === 200) !== Boolean(qr.modules.get(row, col))) return false
    }
  }
  return true
}

describe('wxacode.getUnlimited', () => {
  async function codeError(params: Record<string, unknown>): Promise<SdkError> {
    try {
      await cloud.openapi.wxacode.getUnlimited({ scene: 'a=1', page: 'pages/station/index', ...params })
    } catch (err) {
      return err as SdkError
    }
    throw new Error('expected getUnlimited to throw')
  }

  it('answers a PNG QR code of the requested width that opens the H5 page with the scene', async () => {
    const scene = 'st=42&t=signin'
    const res = (await cloud.openapi.wxacode.getUnlimited({
      scene,
      page: 'pages/station/index',
      checkPath: true,
      envVersion: 'release',
      width: 300,
    })) as { contentType: string; buffer: Buffer; errCode: number }
    expect(res.errCode).toBe(0)
    expect(res.contentType).toBe('image/png')
    const image = decodePng(res.buffer)
    expect(image.width).toBe(300)
    expect(image.height).toBe(300)
    expect(image.rgba(0, 0)).toEqual([255, 255, 255, 255])

    const target = wxacodeTarget(baseUrl, 'pages/station/index', scene)
    expect(target).toBe(`${baseUrl}/#/pages/station/index?scene=st%3D42%26t%3Dsignin`)
    expect(imageEncodes(res.buffer, target)).toBe(true)
    expect(imageEncodes(res.buffer, wxacodeTarget(baseUrl, 'pages/station/index', 'st=43&t=signin'))).toBe(
      false,
    )
  })

  it('defaults to 430 px and the home page', async () => {
    const res = (await cloud.openapi.wxacode.getUnlimited({ scene: 'x' })) as { buffer: Buffer }
    expect(decodePng(res.buffer).width).toBe(430)
    expect(imageEncodes(res.buffer, wxacodeTarget(baseUrl, PAGES[0], 'x'))).toBe(true)
  })

  it('draws 1280 px, transparent and coloured codes when asked', async () => {
    const res = (await cloud.openapi.wxacode.getUnlimited({
      scene: 'big',
      width: 1280,
      isHyaline: true,
      lineColor: { r: 200, g: 0, b: 0 },
    })) as { buffer: Buffer }
    const image = decodePng(res.buffer)
    expect(image.width).toBe(1280)
    expect(image.rgba(0, 0)[3]).toBe(0)
    const module =
      1280 / (QRCode.create(wxacodeTarget(baseUrl, PAGES[0], 'big')).modules.size + 2 * QR_MARGIN)
    // the top-left finder pattern's outer ring is dark
    expect(
      image.rgba(Math.floor((QR_MARGIN + 0.5) * module), Math.floor((QR_MARGIN + 0.5) * module)),
    ).toEqual([200, 0, 0, 255])
    expect(imageEncodes(res.buffer, wxacodeTarget(baseUrl, PAGES[0], 'big'))).toBe(true)
  })

  it('rejects a missing or too long scene with 40169 and bad characters with 40129', async () => {
    expect((await codeError({ scene: 'x'.repeat(33) })).errCode).toBe(40169)
    expect((await codeError({ scene: '' })).errCode).toBe(40169)
    expect((await codeError({ scene: '站点=1' })).errCode).toBe(40129)
    expect((await codeError({ scene: 'a=1%20' })).errCode).toBe(40129)
    await expect(cloud.openapi.wxacode.getUnlimited({ scene: 'x'.repeat(32) })).resolves.toMatchObject({
      errCode: 0,
    })
    await expect(
      cloud.openapi.wxacode.getUnlimited({ scene: "!#$&'()*+,/:;=?@-._~" }),
    ).resolves.toMatchObject({ errCode: 0 })
  })

  it('rejects a bad page with 41030 and a bad width with 40097', async () => {
    expect((await codeError({ page: '/pages/station/index' })).errCode).toBe(41030)
    expect((await codeError({ page: 'pages/station/index?id=1' })).errCode).toBe(41030)
    expect((await codeError({ page: 'pages/unknown/index' })).errCode).toBe(41030)
    await expect(
      cloud.openapi.wxacode.getUnlimited({ scene: 'a', page: 'pages/unknown/index', checkPath: false }),
    ).resolves.toMatchObject({ errCode: 0 })
    expect((await codeError({ width: 279 })).errCode).toBe(40097)
    expect((await codeError({ width: 1281 })).errCode).toBe(40097)
    expect((await codeError({ envVersion: 'beta' })).errCode).toBe(40097)
  })
})

describe('security.msgSecCheck', () => {
  function check(content: string, extra: Record<string, unknown> = {}) {
    return cloud.openapi.security.msgSecCheck({
      content,
      version: 2,
      scene: 2,
      openid: OPENID,
      ...extra,
    }) as Promise<{
      errCode: number
      result: { suggest: string; label: number }
      detail: { strategy: string; keyword?: string }[]
      traceId: string
    }>
  }

  it('passes ordinary text', async () => {
    const res = await check('周六上午在文明实践站组织垃圾分类宣传，欢迎报名。')
    expect(res.errCode).toBe(0)
    expect(res.result).toEqual({ suggest: 'pass', label: 100 })
    expect(res.traceId).toMatch(/^[0-9a-f]{24}$/)
  })

  it('marks text with a listed word risky, even spaced out or full-width', async () => {
    for (const content of ['这里可以赌博吗', '这里可以赌 博吗', 'ＦＵＣＫ you']) {
      const res = await check(content)
      expect(res.result.suggest).toBe('risky')
      expect(res.result.label).not.toBe(100)
      expect(res.detail.some((d) => d.strategy === 'keyword')).toBe(true)
    }
  })

  it('uses the extra words from the options and holds review words for a person', async () => {
    expect((await check('含有违禁测试词的评论')).result.suggest).toBe('risky')
    expect((await check('有兴趣加微信聊')).result.suggest).toBe('review')
    expect((await check('标题无害', { title: '赌博' })).result.suggest).toBe('risky')
  })

  it('rejects content over 2500 characters and a bad openid', async () => {
    await expect(check('字'.repeat(2501))).rejects.toMatchObject({ errCode: 40097 })
    await expect(check('字'.repeat(2500))).resolves.toMatchObject({ errCode: 0 })
    await expect(check('你好', { openid: '' })).rejects.toMatchObject({ errCode: 40003 })
  })

  it('answers 87014 for risky content in version 1', async () => {
    await expect(cloud.openapi.security.msgSecCheck({ content: '毒品' })).rejects.toMatchObject({
      errCode: 87014,
    })
    await expect(cloud.openapi.security.msgSecCheck({ content: '你好' })).resolves.toMatchObject({
      errCode: 0,
    })
  })
})

describe('other APIs', () => {
  it('answers an API the local cloud does not emulate with -604100 (API not found)', async () => {
    await expect(cloud.openapi.urlscheme.generate({})).rejects.toMatchObject({ errCode: -604100 })
  })

  it('serves the deprecated cloud.callOpenAPI (wx.api) with the same emulation', async () => {
    const callOpenAPI = (
      cloud as unknown as { callOpenAPI: (o: object) => Promise<{ result: Record<string, unknown> }> }
    ).callOpenAPI
    const res = await callOpenAPI({
      api: 'security.msgSecCheck',
      data: { content: '赌博', version: 2, scene: 1, openid: OPENID },
    })
    expect(res.result).toMatchObject({ errcode: 0, result: { suggest: 'risky' } })
  })
})

describe('HTTP routes', () => {
  it('grants credits through /__local/subscribe and lists them and the outbox', async () => {
    const openid = 'oHttp00000000000000000000001'
    const post = (body: unknown) =>
      fetch(`${baseUrl}/__local/subscribe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })

    const res = await post({ openid, templateIds: [TEMPLATE, 'TPL_other'], rejectedIds: ['TPL_other'] })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      results: { [TEMPLATE]: 'accept', TPL_other: 'reject' },
      errMsg: 'requestSubscribeMessage:ok',
    })
    expect(await (await fetch(`${baseUrl}/__local/credits?openid=${openid}`)).json()).toEqual({
      openid,
      credits: { [TEMPLATE]: 1 },
    })

    const tooMany = await post({ openid, templateIds: ['a', 'b', 'c', 'd'] })
    expect(tooMany.status).toBe(400)
    expect(await tooMany.json()).toMatchObject({ errCode: 20003 })

    await send({ touser: openid })
    const outbox = (await (await fetch(`${baseUrl}/__local/outbox?touser=${openid}`)).json()) as {
      touser: string
    }[]
    expect(outbox).toHaveLength(1)
    expect(outbox[0].touser).toBe(openid)
    expect(await (await fetch(`${baseUrl}/__local/credits?openid=${openid}`)).json()).toEqual({
      openid,
      credits: {},
    })

    expect((await fetch(`${baseUrl}/__local/outbox`, { method: 'DELETE' })).status).toBe(200)
    expect(await (await fetch(`${baseUrl}/__local/outbox`)).json()).toEqual([])
  })
})
