import { parseServerEnv, serverEnv, type ServerEnv } from './env'
import type { Cloud, OpenApi } from './types'

type MiniprogramState = NonNullable<ServerEnv['MINIPROGRAM_STATE']>

/**
 * Which version of the mini-program a tapped subscribe message opens (subscribeMessage.send
 * `miniprogramState`): the function's environment variable MINIPROGRAM_STATE — `trial` while a county pilots
 * the trial version (体验版), `developer` for the development version; unset means WeChat's default, the
 * published version (`formal`). Set under 云函数 → 版本与配置 → 环境变量 (docs/deploy.md).
 */
export function configuredMiniprogramState(
  env?: Record<string, string | undefined>,
): MiniprogramState | undefined {
  // server/env.ts holds the rule and its message; `env` lets tests pass their own values
  return (env ? parseServerEnv({ MINIPROGRAM_STATE: env.MINIPROGRAM_STATE }) : serverEnv()).MINIPROGRAM_STATE
}

interface WxOpenApi {
  subscribeMessage: { send(args: Record<string, unknown>): Promise<unknown> }
  wxacode: { getUnlimited(args: Record<string, unknown>): Promise<{ buffer: Buffer }> }
  security: { msgSecCheck(args: Record<string, unknown>): Promise<{ result?: { suggest?: string } }> }
}

/**
 * `cloud.openapi.*` behind a narrow interface. Each call must also be listed in the function's
 * config.json `permissions.openapi` (platform-facts: missing → -604101).
 */
export function wxOpenApi(cloud: Cloud, env?: Record<string, string | undefined>): OpenApi {
  const api = cloud.openapi as unknown as WxOpenApi
  // read once, so a wrong value fails the call at once rather than every send of a fan-out
  const state = configuredMiniprogramState(env)
  return {
    async sendSubscribeMessage(msg) {
      const miniprogramState = msg.miniprogramState ?? state
      await api.subscribeMessage.send({
        ...msg,
        ...(miniprogramState && { miniprogramState }),
        lang: 'zh_CN',
      })
    },
    async getUnlimitedCode({ scene, page, width = 430, checkPath = false }) {
      const res = await api.wxacode.getUnlimited({ scene, page, width, checkPath })
      return res.buffer
    },
    async checkText({ content, openid, scene }) {
      const res = await api.security.msgSecCheck({ content, openid, scene, version: 2 })
      const suggest = res.result?.suggest
      return suggest === 'pass' || suggest === 'risky' || suggest === 'review' ? suggest : 'review'
    },
  }
}
