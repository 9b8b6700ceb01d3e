import { Writer } from 'protobufjs/minimal'
import { CloudError } from '../errors'
import { jsonTooDeep, MAX_JSON_DEPTH } from '../http'
import type { AdminHandler } from '../server'
import { SOURCE, type InvocationContext } from './context'
import type { FunctionRunner } from './runner'

/**
 * The calling context of a `functions.invokeFunction` admin call. From inside a function the callee
 * runs as the same user (OPENID/APPID/UNIONID passed along) with SOURCE extended by ',scf', as the
 * getWXContext docs describe for A → B. From outside any function (a test or script using the SDK
 * with secret keys) there is no user and SOURCE is 'wx_http'.
 */
export function calleeContext(runner: FunctionRunner, token: unknown): InvocationContext {
  const caller = runner.caller(token)
  if (caller) {
    return {
      identity: caller.ctx.identity,
      source: `${caller.ctx.source},${SOURCE.functionHop}`,
      clientIp: caller.ctx.clientIp,
    }
  }
  // A call made after the calling invocation returned: the function is known, the user is not.
  if (runner.functionOf(token)) return { identity: null, source: SOURCE.functionHop }
  return { identity: null, source: SOURCE.http }
}

/** `functions.invokeFunction` { function_name, request_data } → { data: { response_data } }. */
export function functionsAdminHandler(runner: FunctionRunner): AdminHandler {
  return async (req) => {
    if (req.action !== 'functions.invokeFunction') {
      throw new CloudError('INVALID_ACTION', `local cloud does not emulate action "${req.action}"`)
    }
    const fields = req.body.fields
    const name = typeof fields.function_name === 'string' ? fields.function_name : ''
    if (!name) throw new CloudError('INVALID_PARAM', '函数名不能为空')
    let data: unknown = {}
    if (typeof fields.request_data === 'string' && fields.request_data !== '') {
      if (jsonTooDeep(fields.request_data))
        throw new CloudError('INVALID_PARAM', `request_data nests deeper than ${MAX_JSON_DEPTH} levels`)
      try {
        data = JSON.parse(fields.request_data)
      } catch {
        throw new CloudError('INVALID_PARAM', 'request_data is not valid JSON')
      }
    }
    const json = await runner.invoke(name, data, calleeContext(runner, fields.wxCloudApiToken))
    return { kind: 'json', body: { data: { response_data: json } } }
  }
}

/** WX_FUNCTIONS_SERVER_OPENAPI_NO_PERMISSION in wx-server-sdk's error config. */
export const OPENAPI_NO_PERMISSION = -604101

/**
 * Wraps the `wx.openApi` handler: a call made from a function must be listed in that function's
 * config.json `permissions.openapi`, or it fails with -604101 like on the platform. The platform
 * answers that as a CommOpenApiResp whose errorCode (field 3) is set; wx-server-sdk then throws it
 * with that errCode. Calls from outside any function (tests, scripts) are not restricted.
 */
export function openApiPermissionGuard(runner: FunctionRunner, next: AdminHandler): AdminHandler {
  return async (req) => {
    const fn = runner.functionOf(req.body.fields.wxCloudApiToken)
    if (fn && req.action === 'wx.openApi') {
      const apiName = String(req.body.fields.apiName ?? '')
      if (!runner.catalog.config(fn).openapi.includes(apiName)) {
        const body = Buffer.from(Writer.create().uint32(24).int32(OPENAPI_NO_PERMISSION).finish())
        return { kind: 'binary', body, contentType: 'application/octet-stream' }
      }
    }
    return next(req)
  }
}
