/**
 * The server secret that signs rotating volunteer codes. Production reads it from the function's
 * environment variable SIGNIN_SECRET (WeChat console → 云开发 → 云函数 → signin → 函数配置 → 环境变量),
 * at least 32 characters. Only on the local cloud — recognised by the SDK's admin URL
 * (TCB_CONTEXT_CNFG) pointing at a loopback address, which WeChat's cloud never does — a fixed
 * development secret stands in when the variable is absent. Anywhere else a missing secret refuses
 * every code action (fail closed) rather than sign with something guessable.
 */
import { createHmac } from 'node:crypto'
import type { Hmac } from '../../../core/signin/token'
import { isLocalCloud } from '../../../server/local-cloud'

export { isLocalCloud }

export const SECRET_ENV = 'SIGNIN_SECRET'
export const MIN_SECRET_LENGTH = 32
export const LOCAL_DEV_SECRET = 'local-cloud-only:signin-dev-secret:not-for-production'

type Env = Record<string, string | undefined>

export function signinSecret(env: Env = process.env): string | undefined {
  const configured = env[SECRET_ENV]
  if (configured !== undefined && configured !== '') {
    return configured.length >= MIN_SECRET_LENGTH ? configured : undefined
  }
  return isLocalCloud(env) ? LOCAL_DEV_SECRET : undefined
}

export function hmacWith(secret: string): Hmac {
  return (message) => createHmac('sha256', secret).update(message, 'utf8').digest()
}
