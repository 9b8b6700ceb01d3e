import type { Cloud, OpenApi } from './types'

interface WxOpenApi {
  subscribeMessage: { send(args: Record<string, unknown>): Promise<unknown> }
  wxacode: { getUnlimited(args: Record<string, unknown>): Promise<{ buffer: Buffer }> }
  security: { msgSecCheck(args: Record<string, unknown>): Promise<{ result?: { suggest?: string } }> }
}

/**
 * `cloud.openapi.*` behind a narrow interface. Each call must also be listed in the function's
 * config.json `permissions.openapi` (platform-facts: missing → -604101).
 */
export function wxOpenApi(cloud: Cloud): OpenApi {
  const api = cloud.openapi as unknown as WxOpenApi
  return {
    async sendSubscribeMessage(msg) {
      await api.subscribeMessage.send({ ...msg, lang: 'zh_CN' })
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
