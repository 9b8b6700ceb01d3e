import type { Hmac } from '../../../core/signin/token'
import { signinError } from './records'
import { hmacWith, signinSecret } from './secret'

let cached: { secret: string; hmac: Hmac } | undefined

/** The HMAC with the server secret (secret.ts), or SECRET_MISSING when none is configured. */
export function serverHmac(): Hmac {
  const secret = signinSecret()
  if (!secret) {
    console.error(
      '[signin] SIGNIN_SECRET is not set (or shorter than 32 characters): volunteer codes are off',
    )
    throw signinError('SECRET_MISSING')
  }
  if (cached?.secret !== secret) cached = { secret, hmac: hmacWith(secret) }
  return cached.hmac
}
