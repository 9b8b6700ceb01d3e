import type { Cloud, OpenApi } from './types'

type MiniprogramState = 'developer' | 'trial' | 'formal'
const MINIPROGRAM_STATES: readonly MiniprogramState[] = ['developer', 'trial', 'formal']

/**
 * Which version of the mini-program a tapped subscribe message opens (subscribeMessage.send
 * `miniprogramState`): the function's environment variable MINIPROGRAM_STATE — `trial` while a county pilots
 * the trial version (体验版), `developer` for the development version; unset means WeChat's default, the
 * published version (`formal`). Set under 云函数 → 版本与配置 → 环境变量 (docs/deploy.md).
 */
export function configuredMiniprogramState(
  env: Record<string, string | undefined> = process.env,
): MiniprogramState | undefined {
  const value = env.MINIPROGRAM_STATE?.trim()
  if (!value) return undefined
  if (!(MINIPROGRAM_STATES as readonly string[]).includes(value)) {
    throw new Error(
      `环境变量 MINIPROGRAM_STATE 应为 developer（开发版）、trial（体验版）或 formal（正式版），现为「${value}」；请在云函数的环境变量中改正`,
    )
  }
  return value as MiniprogramState
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
export function wxOpenApi(cloud: Cloud, env: Record<string, string | undefined> = process.env): OpenApi {
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
