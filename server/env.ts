/**
 * Every environment variable the cloud functions read, in one schema (the server side; the phone's are in
 * src/lib/env.ts). Set them in the WeChat console under 云开发 → 云函数 → <function> → 版本与配置 → 环境变量;
 * the local cloud passes `functionEnv`. All are optional. `.env.example` at the repo root lists them with
 * the other sides' variables, and a test keeps it complete.
 *
 * Parsed at start-up: createMain (server/router.ts) calls serverEnv() as a call begins, once per instance
 * (the values are remembered; a change of process.env, as only tests make, is parsed again). A wrong
 * value stops every call with a ServerEnvError naming the variable, what it should be and what it is, in
 * Chinese and English, rather than being ignored or failing later in the middle of work.
 */
import * as z from 'zod'

type RawEnv = Record<string, string | undefined>

const MINIPROGRAM_STATES = ['developer', 'trial', 'formal'] as const

/** A variable: its schema over the trimmed text (absent or empty → undefined) and how to say what it takes. */
interface Variable<T> {
  schema: z.ZodType<T>
  /** what a good value is, Chinese then English */
  expected: [string, string]
  /** never echo the value (a key or secret) */
  secret?: boolean
}

const positiveMs = (): Variable<number> => ({
  schema: z.coerce.number().int().positive(),
  expected: ['正整数（毫秒）', 'a positive whole number of milliseconds'],
})

/** The variables, each with its rule. A new one is added here and in .env.example (a test checks). */
export const SERVER_ENV = {
  /** which version a tapped subscribe message opens; unset → WeChat's default, the published version */
  MINIPROGRAM_STATE: {
    schema: z.enum(MINIPROGRAM_STATES),
    expected: ['developer（开发版）、trial（体验版）或 formal（正式版）', 'developer, trial or formal'],
  } satisfies Variable<(typeof MINIPROGRAM_STATES)[number]>,
  /** server/notify: a send claimed longer ago than this was cut off (default 90 s); tests shorten it */
  NOTIFY_SEND_LEASE_MS: positiveMs(),
  /** activities: the per-person registration lock's lease (default 15 s); tests shorten it */
  REGISTRATION_LEASE_MS: positiveMs(),
  /** notices: the time one fan-out batch may use (default: the function's timeout less a margin) */
  NOTICES_BATCH_BUDGET_MS: positiveMs(),
  /** credit: how long the timer's settlement may start new records (default 30 s of its 60 s); tests shorten it */
  CREDIT_SETTLE_BUDGET_MS: positiveMs(),
  /** server/crash-point: a file listing kill points (tests only; unset in production) */
  CRASH_POINTS_FILE: {
    schema: z.string().min(1),
    expected: ['文件路径（仅测试用）', 'a file path (tests only)'],
  } satisfies Variable<string>,
  /** signin: the secret signing rotating volunteer codes; shorter than 32 characters turns codes off */
  SIGNIN_SECRET: {
    schema: z.string().min(1),
    expected: ['至少 32 个字符的密钥', 'a secret of at least 32 characters'],
    secret: true,
  } satisfies Variable<string>,
  /** server/cjk-font: the cloud-storage fileID of fonts/NotoSansCJK-Regular.ttc (docs/deploy.md); unset → the local file */
  CJK_FONT_FILE_ID: {
    schema: z.string().regex(/^cloud:\/\/\S+\/\S+$/),
    expected: [
      '云存储文件 ID（cloud://环境.存储桶/fonts/NotoSansCJK-Regular.ttc）',
      'a cloud-storage fileID (cloud://env.bucket/path)',
    ],
  } satisfies Variable<string>,
  /** certificates: the public H5 base URL of the verification page (https://…); the QR encodes <base>?n=<number> */
  CERTIFICATE_VERIFY_BASE_URL: {
    schema: z.string().regex(/^https?:\/\/[^\s?#]+$/),
    expected: ['公开访问的网址（https://…，不含 ? 和 #）', 'a public URL (https://…, without ? or #)'],
  } satisfies Variable<string>,
  /** people: the key encrypting ID numbers (32 bytes, as 64 hex digits or base64) */
  PEOPLE_ID_KEY: {
    schema: z.string().min(1),
    expected: ['32 字节密钥（64 位十六进制或 base64）', 'a 32-byte key (64 hex digits or base64)'],
    secret: true,
  } satisfies Variable<string>,
}

export type ServerEnv = {
  readonly [K in keyof typeof SERVER_ENV]?: (typeof SERVER_ENV)[K] extends Variable<infer T> ? T : never
}

export class ServerEnvError extends Error {
  constructor(
    /** one line per bad variable */
    readonly problems: string[],
  ) {
    super(`云函数环境变量有误 / invalid cloud function environment variables:\n${problems.join('\n')}`)
    this.name = 'ServerEnvError'
  }
}

/** The variables as values, or a ServerEnvError naming each bad one (in Chinese and English). */
export function parseServerEnv(raw: RawEnv): ServerEnv {
  const out: Record<string, unknown> = {}
  const problems: string[] = []
  for (const [name, variable] of Object.entries(SERVER_ENV) as [string, Variable<unknown>][]) {
    const text = raw[name]?.trim()
    if (!text) continue
    const parsed = variable.schema.safeParse(text)
    if (parsed.success) {
      out[name] = parsed.data
    } else {
      const [zh, en] = variable.expected
      const shown = variable.secret ? '（已隐藏）' : text
      problems.push(
        `- 环境变量 ${name} 应为 ${zh}，现为「${shown}」；请在云函数的环境变量中改正 / ${name} must be ${en}, got "${variable.secret ? '(hidden)' : text}"`,
      )
    }
  }
  if (problems.length) throw new ServerEnvError(problems)
  return out as ServerEnv
}

let cache: { key: string; env: ServerEnv } | undefined

/** The function's variables from process.env, parsed once (again only if process.env changed). */
export function serverEnv(raw: RawEnv = process.env): ServerEnv {
  const key = JSON.stringify(Object.keys(SERVER_ENV).map((name) => raw[name] ?? null))
  if (cache?.key !== key) cache = { key, env: parseServerEnv(raw) }
  return cache.env
}
