import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

export interface TimerTrigger {
  name: string
  type: 'timer'
  /** 7-field cron: second minute hour day month weekday year, evaluated in UTC+8. */
  config: string
}

/** A cloud function's `config.json`, as WeChat DevTools uploads it. */
export interface FunctionConfig {
  /** Seconds; the platform default is 3 (platform-facts: cloud functions). */
  timeout: number
  triggers: TimerTrigger[]
  openapi: string[]
}

export const DEFAULT_TIMEOUT_SECONDS = 3
/** The longest timeout the WeChat console accepts. */
export const MAX_TIMEOUT_SECONDS = 60

/** Function names become folder names and URL segments: keep them to what the console accepts. */
export function isValidFunctionName(name: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_-]{0,59}$/.test(name)
}

export function parseFunctionConfig(raw: unknown, where: string): FunctionConfig {
  const obj = isRecord(raw) ? raw : {}
  const timeout = obj.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : Number(obj.timeout)
  // platform-facts: the WeChat console accepts 1–60 s; a longer local timeout would hide work that
  // cannot finish on the platform.
  if (!Number.isFinite(timeout) || timeout <= 0 || timeout > MAX_TIMEOUT_SECONDS) {
    throw new Error(
      `${where}: "timeout" must be a number of seconds from 1 to ${MAX_TIMEOUT_SECONDS} (WeChat cloud's limit), got ${JSON.stringify(obj.timeout)}`,
    )
  }
  const triggers: TimerTrigger[] = []
  for (const t of Array.isArray(obj.triggers) ? obj.triggers : []) {
    if (!isRecord(t) || t.type !== 'timer' || typeof t.name !== 'string' || typeof t.config !== 'string') {
      throw new Error(`${where}: each trigger needs { name, type: "timer", config: "<7-field cron>" }`)
    }
    triggers.push({ name: t.name, type: 'timer', config: t.config })
  }
  const permissions = isRecord(obj.permissions) ? obj.permissions : {}
  const openapi = Array.isArray(permissions.openapi) ? permissions.openapi.map(String) : []
  return { timeout, triggers, openapi }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** One function folder on disk: `<functionsDir>/<name>/{index.js,config.json}`. */
export interface FunctionSource {
  name: string
  dir: string
  entry: string
  /** Changes whenever index.js is rebuilt: instances started from an older version are not reused. */
  version: number
  config: FunctionConfig
}

/** Reads function folders, caching each config.json until its mtime changes. */
export class FunctionCatalog {
  private readonly configs = new Map<string, { mtimeMs: number; config: FunctionConfig }>()

  constructor(readonly functionsDir: string) {}

  /** The function as it is on disk now, or undefined when it has no built index.js. */
  get(name: string): FunctionSource | undefined {
    if (!isValidFunctionName(name)) return undefined
    const dir = join(this.functionsDir, name)
    const entry = join(dir, 'index.js')
    const stat = statSync(entry, { throwIfNoEntry: false })
    if (!stat?.isFile()) return undefined
    return { name, dir, entry, version: stat.mtimeMs, config: this.config(name) }
  }

  config(name: string): FunctionConfig {
    const file = join(this.functionsDir, name, 'config.json')
    const stat = statSync(file, { throwIfNoEntry: false })
    if (!stat) return parseFunctionConfig({}, file)
    const cached = this.configs.get(name)
    if (cached && cached.mtimeMs === stat.mtimeMs) return cached.config
    const config = parseFunctionConfig(JSON.parse(readFileSync(file, 'utf8')) as unknown, file)
    this.configs.set(name, { mtimeMs: stat.mtimeMs, config })
    return config
  }

  /** Names of the folders that hold a config.json or a built index.js. */
  list(): string[] {
    let entries: string[]
    try {
      entries = readdirSync(this.functionsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
    } catch {
      return []
    }
    return entries
      .filter((name) => isValidFunctionName(name))
      .filter((name) =>
        ['index.js', 'config.json'].some((f) =>
          statSync(join(this.functionsDir, name, f), { throwIfNoEntry: false }),
        ),
      )
      .sort()
  }
}
