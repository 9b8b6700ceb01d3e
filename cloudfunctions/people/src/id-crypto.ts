/**
 * The optional ID number (身份证号) is stored only encrypted: AES-256-GCM with the key PEOPLE_ID_KEY
 * from the server environment (server/env.ts: 32 bytes, base64 or 64 hex characters; WeChat console →
 * 云开发 → 云函数 → people → 环境变量). Only on the local cloud does a fixed development key stand in
 * when it is absent; anywhere else a missing or malformed key refuses to store an ID number (fail
 * closed) while registration without one still works. What any page shows is the masked form.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import { AppError } from '../../../core/errors'
import { PEOPLE_ERRORS } from '../../../core/contract/people'
import { serverEnv } from '../../../server/env'
import { isLocalCloud } from '../../../server/local-cloud'

const FORMAT = 'v1'

type Env = Record<string, string | undefined>

function parseKey(raw: string): Buffer | undefined {
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64')
  return key.length === 32 ? key : undefined
}

/** The key, or undefined when none (usable) is configured. */
export function idNumberKey(env: Env = process.env): Buffer | undefined {
  const configured = serverEnv(env).PEOPLE_ID_KEY
  if (configured) return parseKey(configured)
  return isLocalCloud(env)
    ? createHash('sha256').update('local-cloud-only:people-id-key').digest()
    : undefined
}

function requireKey(env: Env): Buffer {
  const key = idNumberKey(env)
  if (!key) {
    console.error(`[people] PEOPLE_ID_KEY is not set or not 32 bytes (base64 or hex): ID numbers are refused`)
    throw new AppError('ID_KEY_MISSING', PEOPLE_ERRORS.ID_KEY_MISSING)
  }
  return key
}

/** `v1:iv:tag:ciphertext` (base64 parts); a fresh 12-byte IV each time. */
export function encryptIdNumber(plain: string, env: Env = process.env): string {
  const key = requireKey(env)
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return [FORMAT, iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64')))
    .join(':')
}

/** The plain number (for an insurance export by the center; never answered by an action). Throws if tampered. */
export function decryptIdNumber(stored: string, env: Env = process.env): string {
  const [format, iv, tag, body] = stored.split(':')
  if (format !== FORMAT || !iv || !tag || !body) throw new Error('not an encrypted ID number')
  const decipher = createDecipheriv('aes-256-gcm', requireKey(env), Buffer.from(iv, 'base64'))
  decipher.setAuthTag(Buffer.from(tag, 'base64'))
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8')
}
