import { randomUUID } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { CloudError } from '../errors'
import { readBody } from '../http'
import type { AdminReply, AdminRequest, HttpRoute } from '../server'
import { Ledger, type OutboxMessage } from './ledger'
import { decodeOpenApiRequest, encodeOpenApiResponse, pairsToParams, type OpenApiResponse } from './protocol'
import { SecCheck } from './sec-check'
import { validateSend } from './subscribe-message'
import { getUnlimited } from './wxacode'
import { isOpenid, wxError, wxOk, type WxResult } from './wx-error'

export type { OutboxMessage } from './ledger'

export interface OpenApiOptions {
  /** Outbox and subscription credits are persisted under `${dataDir}/openapi` and survive a restart. */
  dataDir: string
  /** e.g. 'http://127.0.0.1:8787' — known only after listen, hence a function. */
  h5BaseUrl: () => string
  /** Extra words for msgSecCheck, on top of sensitive-words.json. */
  sensitiveWords?: string[]
  /** Simulated latency of subscribeMessage.send (benchmarks), default 0. */
  sendLatencyMs?: number
  /** Lets tests inject transient errors into subscribeMessage.send; the credit is kept. */
  failureInjector?: (msg: {
    touser: string
    templateId: string
  }) => { errCode: number; errMsg: string } | undefined
  /**
   * Lets tests hold a subscribeMessage.send in flight: the send waits for the promise returned (no
   * promise: it goes on at once), then is recorded. A run killed meanwhile has claimed, maybe-sent work.
   */
  sendGate?: (msg: { touser: string; templateId: string }) => Promise<void> | undefined
  /**
   * The app's pages (app.config.ts). When given, a subscribe message's page and a code's page (with
   * check_path) must be one of them, as WeChat checks them against the published version; the first
   * is the home page a code without a page opens.
   */
  pages?: string[]
}

/** Platform error codes WeChat puts in `CommOpenApiResp.errorCode` (wx-server-sdk's ERR_CODE table). */
const API_NOT_FOUND = -604100
const WX_SYSTEM_ERROR = -601001
const WX_SYSTEM_ARGS_ERROR = -601002

/** The most templates one wx.requestSubscribeMessage call may ask for. */
const MAX_TEMPLATES_PER_REQUEST = 3

/**
 * The local cloud's `wx.openApi`: what `cloud.openapi.*` of wx-server-sdk reaches. Emulates
 * subscribeMessage.send (credits + outbox), wxacode.getUnlimited and security.msgSecCheck.
 */
export class OpenApi {
  private readonly secCheck: SecCheck

  private constructor(
    private readonly opts: OpenApiOptions,
    private readonly ledger: Ledger,
  ) {
    this.secCheck = new SecCheck(opts.sensitiveWords)
  }

  static async open(opts: OpenApiOptions): Promise<OpenApi> {
    return new OpenApi(opts, await Ledger.open(join(opts.dataDir, 'openapi', 'ledger.jsonl')))
  }

  /**
   * `wx.openApi` (multipart: apiName + protobuf requestData; answers a protobuf CommOpenApiResp) and the
   * older `wx.api` (JSON requestData; answers { data: { responseData } }, used by cloud.callOpenAPI).
   */
  async handle(req: AdminRequest): Promise<AdminReply> {
    const apiName = String(req.body.fields.apiName ?? '')
    if (req.action === 'wx.api') return this.handleJsonApi(apiName, req)
    if (req.action !== 'wx.openApi')
      throw new CloudError('INVALID_ACTION', `local cloud does not emulate ${req.action}`)

    const bytes = req.body.files.requestData?.data
    const decoded = bytes ? decodeOpenApiRequest(bytes) : undefined
    const result: WxResult = decoded
      ? await this.call(apiName, pairsToParams(decoded.pairs))
      : { kind: 'system', errorCode: WX_SYSTEM_ARGS_ERROR, message: 'requestData is not a CommApiData' }
    return {
      kind: 'binary',
      contentType: 'application/octet-stream',
      body: encodeOpenApiResponse(toResponse(result)),
    }
  }

  grantSubscription(openid: string, templateId: string, count = 1): void {
    this.grant(openid, templateId, count).catch((err: unknown) => {
      console.error('[local-cloud] could not persist a subscription credit:', err)
    })
  }

  /**
   * Grants credits; the credit counts at once, the promise settles when its ledger line is written
   * (survives kill -9). What answers a person or a page awaits it: nothing is acknowledged before.
   */
  grant(openid: string, templateId: string, count = 1): Promise<void> {
    if (!Number.isInteger(count) || count < 1)
      return Promise.reject(new RangeError(`count must be a positive integer, got ${count}`))
    return this.ledger.grant(openid, templateId, count)
  }

  credits(openid: string, templateId: string): number {
    return this.ledger.creditsFor(openid, templateId)
  }

  outbox(filter: { touser?: string; templateId?: string } = {}): OutboxMessage[] {
    return this.ledger
      .outbox()
      .filter(
        (m) =>
          (filter.touser === undefined || m.touser === filter.touser) &&
          (filter.templateId === undefined || m.templateId === filter.templateId),
      )
      .map((m) => structuredClone(m))
  }

  clearOutbox(): void {
    this.ledger
      .clear()
      .catch((err: unknown) => console.error('[local-cloud] could not persist clearing the outbox:', err))
  }

  /**
   * POST /__local/subscribe  { openid, templateIds, rejectedIds? } — the H5 stand-in for
   *   wx.requestSubscribeMessage: one credit per accepted template; answers { results, errMsg }.
   * GET /__local/outbox?touser=&templateId=  — the recorded messages; DELETE /__local/outbox clears them.
   * GET /__local/credits?openid=  — { openid, credits: { [templateId]: n } }.
   */
  routes(): HttpRoute {
    return async (req, res, url) => {
      switch (`${req.method} ${url.pathname}`) {
        case 'POST /__local/subscribe':
          return this.serveSubscribe((await readBody(req, 64 * 1024)).fields, res)
        case 'GET /__local/outbox': {
          const touser = url.searchParams.get('touser') ?? undefined
          const templateId = url.searchParams.get('templateId') ?? undefined
          return json(res, 200, this.outbox({ touser, templateId }))
        }
        case 'DELETE /__local/outbox':
          this.clearOutbox()
          return json(res, 200, { ok: true })
        case 'GET /__local/credits': {
          const openid = url.searchParams.get('openid') ?? ''
          if (!openid) return json(res, 400, { message: 'openid is required' })
          return json(res, 200, { openid, credits: this.ledger.creditsOf(openid) })
        }
        default:
          return false
      }
    }
  }

  async close(): Promise<void> {
    await this.ledger.close()
  }

  private async call(apiName: string, params: Record<string, unknown>): Promise<WxResult> {
    switch (apiName) {
      case 'subscribeMessage.send':
        return this.send(params)
      case 'wxacode.getUnlimited':
        return getUnlimited(params, { h5BaseUrl: this.opts.h5BaseUrl, pages: this.opts.pages })
      case 'security.msgSecCheck':
        return this.secCheck.check(params)
      default:
        return { kind: 'system', errorCode: API_NOT_FOUND, message: `API not found: ${apiName}` }
    }
  }

  private async send(params: Record<string, unknown>): Promise<WxResult> {
    if (this.opts.sendLatencyMs) await sleep(this.opts.sendLatencyMs)
    const checked = validateSend(params, this.opts.pages)
    if (!checked.ok) return checked.error
    const { send } = checked
    const injected = this.opts.failureInjector?.({ touser: send.touser, templateId: send.templateId })
    if (injected) return wxError(injected.errCode, injected.errMsg)
    const gate = this.opts.sendGate?.({ touser: send.touser, templateId: send.templateId })
    if (gate) await gate

    const message: OutboxMessage = { id: randomUUID(), ...send, sentAt: new Date().toISOString() }
    const written = this.ledger.trySend(message)
    if (!written) return wxError(43101, 'user refuse to accept the msg')
    try {
      await written
    } catch (err) {
      return { kind: 'system', errorCode: WX_SYSTEM_ERROR, message: String(err) }
    }
    return wxOk()
  }

  private async handleJsonApi(apiName: string, req: AdminRequest): Promise<AdminReply> {
    const raw = req.body.fields.requestData
    let params: Record<string, unknown> = {}
    try {
      params = typeof raw === 'string' && raw !== '' ? (JSON.parse(raw) as Record<string, unknown>) : {}
    } catch {
      throw new CloudError('INVALID_PARAM', 'requestData is not JSON')
    }
    const result = await this.call(apiName, params)
    if (result.kind === 'buffer')
      throw new CloudError('INVALID_PARAM', `${apiName} returns an image; call it through cloud.openapi`)
    const body = result.kind === 'json' ? result.body : { errcode: result.errorCode, errmsg: result.message }
    return { kind: 'json', body: { data: { responseData: JSON.stringify(body) } } }
  }

  private async serveSubscribe(body: Record<string, unknown>, res: ServerResponse): Promise<true> {
    const { openid, templateIds, rejectedIds } = body
    const fail = (errCode: number, reason: string) =>
      json(res, 400, { errCode, errMsg: `requestSubscribeMessage:fail ${reason}` })
    if (!isOpenid(openid)) return fail(10004, 'openid must be an openid')
    if (!Array.isArray(templateIds) || templateIds.length === 0) return fail(10001, 'templateIds is empty')
    if (templateIds.length > MAX_TEMPLATES_PER_REQUEST) return fail(20003, 'too many templateIds')
    if (!templateIds.every((t): t is string => typeof t === 'string' && t !== '')) {
      return fail(10004, 'templateIds must be strings')
    }
    const rejected = new Set(Array.isArray(rejectedIds) ? rejectedIds : [])
    const results: Record<string, 'accept' | 'reject'> = {}
    const written: Promise<void>[] = []
    for (const templateId of templateIds) {
      results[templateId] = rejected.has(templateId) ? 'reject' : 'accept'
      if (results[templateId] === 'accept') written.push(this.grant(openid, templateId))
    }
    try {
      // acknowledge only what is durable: an "accept" whose credit could be lost by a crash is a lie
      await Promise.all(written)
    } catch (err) {
      return json(res, 500, {
        errCode: -1,
        errMsg: `requestSubscribeMessage:fail 额度未能保存：${String(err)}`,
      })
    }
    return json(res, 200, { results, errMsg: 'requestSubscribeMessage:ok' })
  }
}

function toResponse(result: WxResult): OpenApiResponse {
  switch (result.kind) {
    case 'json':
      // WeChat's own content type; wx-server-sdk parses respData as JSON when it sees application/json
      return {
        respData: Buffer.from(JSON.stringify(result.body)),
        contentType: 'application/json; encoding=utf-8',
      }
    case 'buffer':
      return { respData: result.data, contentType: result.contentType }
    case 'system':
      return { respData: Buffer.alloc(0), contentType: '', errorCode: result.errorCode }
  }
}

function json(res: ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(body))
  return true
}
