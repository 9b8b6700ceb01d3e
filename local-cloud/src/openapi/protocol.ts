import { Root, type Type } from 'protobufjs'

/**
 * The protobuf messages wx-server-sdk 4.0.2 uses for `wx.openApi` (its bundled src/protobuf/openapi.js):
 * the request is a `CommApiData` carrying `OpenApiData.pairs`, one pair per top-level parameter whose
 * value is the parameter as JSON text (after the SDK turned camelCase keys into snake_case); the reply
 * is a `CommOpenApiResp`. Field numbers copied from the SDK's generated encoders.
 */
const root = Root.fromJSON({
  nested: {
    KeyValuePair: {
      fields: {
        key: { type: 'string', id: 1 },
        value: { type: 'bytes', id: 2 },
        contenttype: { type: 'string', id: 3 },
        filename: { type: 'string', id: 4 },
      },
    },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    CommApiData: {
      fields: {
        apiType: { type: 'ApiType', id: 1 },
        openapiData: { type: 'OpenApiData', id: 2 },
        appid: { type: 'string', id: 6 },
      },
      nested: { ApiType: { values: { OPEN_API: 0, INNER_API: 1, SVRKIT_API: 2, TOKEN_API: 3 } } },
    },
    HttpHeader: { fields: { key: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
    CommOpenApiResp: {
      fields: {
        respData: { type: 'bytes', id: 1 },
        contentType: { type: 'string', id: 2 },
        errorCode: { type: 'int32', id: 3 },
        httpCode: { type: 'uint32', id: 4 },
        headers: { rule: 'repeated', type: 'HttpHeader', id: 5 },
        svrkitErrorCode: { type: 'int32', id: 6 },
      },
    },
  },
})

const CommApiData: Type = root.lookupType('CommApiData')
const CommOpenApiResp: Type = root.lookupType('CommOpenApiResp')
const OPEN_API = 0

export interface DecodedPair {
  key: string
  value: Buffer
  contentType?: string
  filename?: string
}

interface DecodedCommApiData {
  apiType?: number
  openapiData?: { pairs?: { key?: string; value?: Uint8Array; contenttype?: string; filename?: string }[] }
  appid?: string
}

/** Decodes the SDK's request; undefined when the bytes are not an OPEN_API `CommApiData`. */
export function decodeOpenApiRequest(bytes: Buffer): { pairs: DecodedPair[]; appid?: string } | undefined {
  let message: DecodedCommApiData
  try {
    message = CommApiData.toObject(CommApiData.decode(bytes), { defaults: true }) as DecodedCommApiData
  } catch {
    return undefined
  }
  if ((message.apiType ?? OPEN_API) !== OPEN_API) return undefined
  const pairs = (message.openapiData?.pairs ?? []).map((p) => ({
    key: p.key ?? '',
    value: Buffer.from(p.value ?? new Uint8Array()),
    contentType: p.contenttype || undefined,
    filename: p.filename || undefined,
  }))
  return { pairs, appid: message.appid || undefined }
}

/**
 * Turns the pairs back into the parameter object WeChat's HTTP API would receive. Media parameters
 * (a pair with a content type) stay binary; everything else is JSON text.
 */
export function pairsToParams(pairs: DecodedPair[]): Record<string, unknown> {
  const params: Record<string, unknown> = {}
  for (const pair of pairs) {
    if (pair.contentType) {
      params[pair.key] = { contentType: pair.contentType, filename: pair.filename, value: pair.value }
      continue
    }
    const text = pair.value.toString('utf8')
    try {
      params[pair.key] = JSON.parse(text) as unknown
    } catch {
      params[pair.key] = text
    }
  }
  return params
}

export interface OpenApiResponse {
  respData: Buffer
  contentType: string
  /** Non-zero for a platform error (e.g. -604100 API not found); the SDK throws it before reading respData. */
  errorCode?: number
}

export function encodeOpenApiResponse(resp: OpenApiResponse): Buffer {
  const message = CommOpenApiResp.fromObject({
    respData: resp.respData,
    contentType: resp.contentType,
    errorCode: resp.errorCode ?? 0,
    httpCode: resp.errorCode ? 0 : 200,
  })
  return Buffer.from(CommOpenApiResp.encode(message).finish())
}
