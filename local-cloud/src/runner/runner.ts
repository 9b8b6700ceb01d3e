import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { CloudError } from '../errors'
import { jsonTooDeep, MAX_JSON_DEPTH } from '../http'
import { contextEnv, type InvocationContext } from './context'
import { FunctionCatalog, type FunctionSource } from './function-config'
import { FunctionInstance } from './instance'

/**
 * A failed invocation, in the TCB admin API's shape (`code`, `message`) plus the numeric errCode that
 * wx-server-sdk derives from `code` (TCB_ERR_CODE in its error config), for callers that are not the SDK.
 */
export class FunctionError extends CloudError {
  constructor(
    code: 'FUNCTIONS_EXECUTE_FAIL' | 'FUNCTIONS_REQUEST_FAIL',
    readonly errCode: number,
    message: string,
  ) {
    super(code, message)
    this.name = 'FunctionError'
  }

  /** Like the SDK's errors, for code that reads `errMsg`. */
  get errMsg(): string {
    return this.message
  }
}

const EXECUTE_FAIL = -504002
const REQUEST_FAIL = -504001

export interface RunnerOptions {
  functionsDir: string
  /** The admin endpoint the SDK inside each instance talks to. */
  adminUrl: () => string
  envId: string
  /** APPID given to invocations whose identity does not name one. */
  appid: string
  /** Instances per function; further calls wait for a free one. The platform allows 1000. */
  maxInstances?: number
  quiet?: boolean
  log?: (line: string) => void
  /** Idle instances older than this are stopped, like the platform reclaiming them. */
  idleInstanceMs?: number
  /** Environment variables for every function (what the console's 环境变量 sets on the platform). */
  functionEnv?: Record<string, string>
  /**
   * Freeze an instance as soon as main returns, until its next invocation, as the platform does
   * (default: freezeByDefault()): timers, un-awaited promises and requests not yet sent do not run meanwhile.
   */
  freeze?: boolean
  /** Added before each invocation starts, like the platform's call round trip (benchmarks); default 0. */
  callLatencyMs?: number
}

/**
 * Whether instances freeze after return when the options do not say: FREEZE_DEFAULT, unless the
 * environment variable LOCAL_CLOUD_FREEZE is set to 1 (on) or 0 (off), e.g. to run a suite both ways.
 */
export const FREEZE_DEFAULT = true

export function freezeByDefault(): boolean {
  const env = process.env.LOCAL_CLOUD_FREEZE
  if (env === '1' || env === 'true') return true
  if (env === '0' || env === 'false') return false
  return FREEZE_DEFAULT
}

/** SCF's cap on a synchronous invocation's event (6 MB). */
const MAX_EVENT_BYTES = 6 * 1024 * 1024

interface Waiter {
  /** Hands over a busy instance, or null when the waiter may start a new one. */
  resolve: (instance: FunctionInstance | null) => void
  reject: (err: Error) => void
}

interface Pool {
  instances: Set<FunctionInstance>
  waiting: Waiter[]
}

export interface LiveInvocation {
  fn: string
  ctx: InvocationContext
}

export interface FunctionStatus {
  name: string
  timeout: number
  instances: number
  busy: number
  waiting: number
}

const TOKEN_PREFIX = 'local-cloud.'

/**
 * libfaketime's variables, when the local cloud itself runs under faketime (testing at another moment,
 * docs/architecture.md): without them an instance would read the real clock while its caller reads the
 * fake one. Nothing is passed otherwise, so an instance's env stays the platform's.
 */
const FAKE_CLOCK_ENV = /^(FAKETIME|LD_PRELOAD$|DYLD_)/

function fakeClockEnv(): Record<string, string> {
  if (process.env.FAKETIME === undefined) return {}
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && FAKE_CLOCK_ENV.test(key)) env[key] = value
  }
  return env
}

/**
 * Runs built cloud functions the way the platform does: each instance is its own process serving one
 * request at a time, warm instances are reused, a cold one starts when all are busy (up to a cap),
 * and every invocation gets its WeChat context through process.env.
 */
export class FunctionRunner {
  readonly catalog: FunctionCatalog
  coldStarts = 0
  invocations = 0
  /** callLatencyMs delays applied, and their sum in ms */
  callDelays = 0
  callDelayMs = 0
  private readonly pools = new Map<string, Pool>()
  private readonly latest = new Map<string, number>()
  private readonly live = new Map<string, LiveInvocation>()
  private readonly maxInstances: number
  private readonly log: (line: string) => void
  private readonly sweeper: NodeJS.Timeout
  private stopped = false

  constructor(private readonly opts: RunnerOptions) {
    this.catalog = new FunctionCatalog(opts.functionsDir)
    this.maxInstances = Math.max(1, opts.maxInstances ?? 10)
    this.log = opts.log ?? ((line) => console.log(line))
    const idleMs = opts.idleInstanceMs ?? 10 * 60_000
    this.sweeper = setInterval(() => this.reapIdle(idleMs), Math.min(idleMs, 30_000))
    this.sweeper.unref()
  }

  /** Invokes `name` with `event`; resolves to the JSON text of its return value. */
  async invoke(name: string, event: unknown, ctx: InvocationContext): Promise<string> {
    if (this.stopped)
      throw new FunctionError('FUNCTIONS_REQUEST_FAIL', REQUEST_FAIL, 'the local cloud is stopping')
    let fn: FunctionSource | undefined
    try {
      fn = this.catalog.get(name)
    } catch (err) {
      throw new FunctionError('FUNCTIONS_REQUEST_FAIL', REQUEST_FAIL, (err as Error).message)
    }
    if (!fn) {
      throw new FunctionError(
        'FUNCTIONS_REQUEST_FAIL',
        REQUEST_FAIL,
        `[ResourceNotFound.Function] function "${name}" not found: no built ${this.opts.functionsDir}/${name}/index.js`,
      )
    }
    let eventJson: string
    try {
      eventJson = JSON.stringify(event === undefined ? {} : event)
    } catch (err) {
      throw new FunctionError(
        'FUNCTIONS_REQUEST_FAIL',
        REQUEST_FAIL,
        `event is not JSON: ${(err as Error).message}`,
      )
    }
    if (eventJson.length > MAX_EVENT_BYTES) {
      throw new FunctionError(
        'FUNCTIONS_REQUEST_FAIL',
        REQUEST_FAIL,
        `event is ${eventJson.length} bytes; the limit is ${MAX_EVENT_BYTES} (keep payloads small, use cloud storage)`,
      )
    }
    if (jsonTooDeep(eventJson)) {
      throw new FunctionError(
        'FUNCTIONS_REQUEST_FAIL',
        REQUEST_FAIL,
        `event nests deeper than ${MAX_JSON_DEPTH} levels`,
      )
    }
    if (this.opts.callLatencyMs) {
      await sleep(this.opts.callLatencyMs)
      this.callDelays++
      this.callDelayMs += this.opts.callLatencyMs
    }
    this.latest.set(name, fn.version)
    this.invocations++
    const instance = await this.acquire(fn)
    const token = `${TOKEN_PREFIX}${name}.${randomUUID()}`
    this.live.set(token, { fn: name, ctx })
    const timeoutMs = fn.config.timeout * 1000
    let outcome
    try {
      outcome = await instance.run(
        {
          eventJson,
          context: this.scfContext(fn, timeoutMs, ctx),
          env: contextEnv(ctx, this.opts.appid, token),
        },
        timeoutMs,
      )
    } finally {
      this.live.delete(token)
      this.release(name, instance)
    }
    if (outcome.ok) return outcome.json
    if (!this.opts.quiet) this.log(`[${name}] invocation failed: ${outcome.message.split('\n')[0]}`)
    throw new FunctionError('FUNCTIONS_EXECUTE_FAIL', EXECUTE_FAIL, outcome.message)
  }

  /** The invocation an admin call came from, identified by the API token the SDK sends back. */
  caller(token: unknown): LiveInvocation | undefined {
    return typeof token === 'string' ? this.live.get(token) : undefined
  }

  /** The function an admin call came from, even after its invocation ended. */
  functionOf(token: unknown): string | undefined {
    if (typeof token !== 'string' || !token.startsWith(TOKEN_PREFIX)) return undefined
    const rest = token.slice(TOKEN_PREFIX.length)
    return rest.slice(0, rest.lastIndexOf('.')) || undefined
  }

  status(): FunctionStatus[] {
    return this.catalog.list().map((name) => {
      const pool = this.pools.get(name)
      const instances = pool ? [...pool.instances] : []
      let timeout = 0
      try {
        timeout = this.catalog.config(name).timeout
      } catch {
        // an unreadable config.json is reported when the function is called
      }
      return {
        name,
        timeout,
        instances: instances.length,
        busy: instances.filter((i) => i.busy).length,
        waiting: pool?.waiting.length ?? 0,
      }
    })
  }

  stats(): { coldStarts: number; invocations: number; callDelays: number; callDelayMs: number } {
    const { coldStarts, invocations, callDelays, callDelayMs } = this
    return { coldStarts, invocations, callDelays, callDelayMs }
  }

  /** Stops every instance; calls still waiting for one fail. */
  async stop(): Promise<void> {
    this.stopped = true
    clearInterval(this.sweeper)
    const stops: Promise<void>[] = []
    for (const pool of this.pools.values()) {
      for (const w of pool.waiting.splice(0)) {
        w.reject(new FunctionError('FUNCTIONS_REQUEST_FAIL', REQUEST_FAIL, 'the local cloud is stopping'))
      }
      for (const instance of pool.instances) stops.push(instance.stop())
      pool.instances.clear()
    }
    await Promise.all(stops)
  }

  private pool(name: string): Pool {
    let pool = this.pools.get(name)
    if (!pool) {
      pool = { instances: new Set(), waiting: [] }
      this.pools.set(name, pool)
    }
    return pool
  }

  private async acquire(fn: FunctionSource): Promise<FunctionInstance> {
    const pool = this.pool(fn.name)
    for (const instance of pool.instances) {
      if (!instance.busy && (!instance.alive || instance.version !== fn.version)) {
        instance.kill()
        pool.instances.delete(instance)
      }
    }
    for (const instance of pool.instances) {
      if (!instance.busy) {
        instance.busy = true
        return instance
      }
    }
    if (pool.instances.size >= this.maxInstances) {
      const handed = await new Promise<FunctionInstance | null>((resolve, reject) =>
        pool.waiting.push({ resolve, reject }),
      )
      if (handed) return handed
    }
    return this.spawn(fn, pool)
  }

  private spawn(fn: FunctionSource, pool: Pool): FunctionInstance {
    this.coldStarts++
    const instance = new FunctionInstance({
      name: fn.name,
      entry: fn.entry,
      cwd: fn.dir,
      version: fn.version,
      env: this.platformEnv(fn),
      freeze: this.opts.freeze ?? freezeByDefault(),
      onOutput: this.opts.quiet ? undefined : (line) => this.log(`[${fn.name}] ${line}`),
    })
    instance.busy = true
    pool.instances.add(instance)
    return instance
  }

  private release(name: string, instance: FunctionInstance): void {
    const pool = this.pool(name)
    instance.busy = false
    const reusable = !this.stopped && instance.alive && instance.version === this.latest.get(name)
    if (!reusable) {
      instance.kill()
      pool.instances.delete(instance)
    }
    const next = pool.waiting.shift()
    if (!next) return
    if (reusable) {
      instance.busy = true
      next.resolve(instance)
    } else {
      next.resolve(null)
    }
  }

  private reapIdle(idleMs: number): void {
    const now = Date.now()
    for (const pool of this.pools.values()) {
      for (const instance of pool.instances) {
        if (!instance.busy && now - instance.lastUsed > idleMs) {
          instance.kill()
          pool.instances.delete(instance)
        }
      }
    }
  }

  /** What the platform sets in every instance's environment, plus the configured function env. */
  private platformEnv(fn: FunctionSource): Record<string, string> {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
      // platform-facts: the runtime clock is UTC; code that needs Asia/Shanghai must say so.
      TZ: 'UTC',
      LANG: 'C.UTF-8',
      TENCENTCLOUD_RUNENV: 'SCF',
      TENCENTCLOUD: 'true',
      TENCENTCLOUD_REGION: 'ap-shanghai',
      SCF_NAMESPACE: this.opts.envId,
      TCB_ENV: this.opts.envId,
      SCF_FUNCTIONNAME: fn.name,
      SCF_FUNCTIONVERSION: '$LATEST',
      // Fake credentials: the local cloud checks no signature, but the SDK refuses to run without them.
      TENCENTCLOUD_SECRETID: 'local-cloud',
      TENCENTCLOUD_SECRETKEY: 'local-cloud',
      TENCENTCLOUD_SESSIONTOKEN: 'local-cloud',
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: this.opts.adminUrl() }),
    }
    return { ...this.opts.functionEnv, ...env, ...fakeClockEnv() }
  }

  private scfContext(fn: FunctionSource, timeoutMs: number, ctx: InvocationContext): Record<string, unknown> {
    return {
      callbackWaitsForEmptyEventLoop: false,
      memory_limit_in_mb: 256,
      time_limit_in_ms: timeoutMs,
      request_id: randomUUID(),
      function_name: fn.name,
      function_version: '$LATEST',
      namespace: this.opts.envId,
      tencentcloud_region: 'ap-shanghai',
      environ: '',
      environment: JSON.stringify({
        SCF_NAMESPACE: this.opts.envId,
        TCB_ENV: this.opts.envId,
        TCB_SOURCE: ctx.source,
      }),
    }
  }
}
