/**
 * The client's variables, read and checked in one place. Taro inlines `process.env.<NAME>` at build time
 * (TARO_ENV for the target; TARO_APP_* through config/index.ts `env`), and a mini-program has no `process`,
 * so each is read here by its literal name, never as `process.env[name]`. Nothing else in src/ reads
 * process.env.
 *
 *   TARO_ENV            the build target (weapp, h5, …), set by Taro itself
 *   TARO_APP_CLOUD_ENV  the WeChat cloud environment id the mini-program calls; empty or unset → the
 *                       mini-program's default environment (weapp only; H5 calls the local cloud)
 */

export interface ClientEnv {
  /** the build target; undefined outside a Taro build (jest) */
  platform: string | undefined
  /** the cloud environment id, or undefined for the default environment */
  cloudEnv: string | undefined
}

export interface RawClientEnv {
  TARO_ENV?: string
  TARO_APP_CLOUD_ENV?: string
}

/** A cloud environment id as the WeChat console shows it, e.g. `prod-4g2h7x1c9a`. */
const CLOUD_ENV_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/

export class ClientEnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`客户端环境变量有误 / invalid client environment variables:\n${problems.join('\n')}`)
    this.name = 'ClientEnvError'
  }
}

/** The variables as values, or a ClientEnvError naming each bad one (in Chinese and English). */
export function parseClientEnv(raw: RawClientEnv): ClientEnv {
  const problems: string[] = []
  const platform = raw.TARO_ENV?.trim() || undefined
  const cloudEnv = raw.TARO_APP_CLOUD_ENV?.trim() || undefined
  if (cloudEnv !== undefined && !CLOUD_ENV_ID.test(cloudEnv)) {
    problems.push(
      `- TARO_APP_CLOUD_ENV="${cloudEnv}"：不是云开发环境 ID（字母或数字开头，只含字母、数字、- 和 _，最多 64 位），` +
        `留空则用默认环境 / not a cloud environment id (letters, digits, - and _, up to 64; leave empty for the default)`,
    )
  }
  if (platform !== undefined && !/^[a-z0-9-]+$/.test(platform)) {
    problems.push(`- TARO_ENV="${platform}"：不是 Taro 的编译目标 / not a Taro build target`)
  }
  if (problems.length > 0) throw new ClientEnvError(problems)
  return { platform, cloudEnv }
}

/** Reads and checks the variables (at app start; throws ClientEnvError). */
export function readClientEnv(): ClientEnv {
  return parseClientEnv({
    TARO_ENV: process.env.TARO_ENV,
    TARO_APP_CLOUD_ENV: process.env.TARO_APP_CLOUD_ENV,
  })
}

/** The build target, read on every call (cheap; tests switch it between calls). */
export function platform(): string | undefined {
  return process.env.TARO_ENV
}
