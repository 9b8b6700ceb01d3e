import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'
import { join, resolve } from 'node:path'
import { Database } from './db'
import { devPageRoute } from './dev-page'
import { corsRoute, h5GatewayRoute } from './h5-gateway'
import { OpenApi, type OpenApiOptions, type OutboxMessage } from './openapi'
import {
  FunctionRunner,
  functionsAdminHandler,
  openApiPermissionGuard,
  SOURCE,
  type Identity,
  type InvocationContext,
} from './runner'
import { CloudHttpServer, type HttpRoute } from './server'
import { staticRoute } from './static'
import { Storage } from './storage'
import { TimerScheduler } from './timers'

export type { Identity } from './runner'
export { FunctionError } from './runner'
export type { OutboxMessage } from './openapi'
export { nextFireTime } from './timers'

const REPO_ROOT = resolve(__dirname, '..', '..')

export interface LocalCloudOptions {
  /** 0 (default) picks a free port. */
  port?: number
  /** Default 127.0.0.1. The H5 gateway and dev page answer loopback clients only, whatever the host. */
  host?: string
  /** Where data lives; default a fresh temp dir, removed on stop(). */
  dataDir?: string
  /** Built functions: `<functionsDir>/<fn>/{index.js,config.json}`; default <repo>/cloudfunctions. */
  functionsDir?: string
  /** Index declarations; default <repo>/database. */
  databaseDir?: string
  /** A built H5 app (e.g. dist-h5) served at `/`. */
  staticDir?: string
  /** Fire timer triggers on schedule (default false; the CLI turns them on). fireTimer() always works. */
  timers?: boolean
  /** Instances per function (default 10); further calls queue. */
  maxInstances?: number
  /** Environment variables for every function instance (the console's 云函数 → 环境变量). */
  functionEnv?: Record<string, string>
  /** Silence function output and local-cloud logs. */
  quiet?: boolean
  /**
   * Freeze each function instance as soon as its main returns, until its next invocation, like the
   * platform: timers, un-awaited promises and fire-and-forget calls do not run after return (see
   * docs/local-cloud.md). Default: on unless LOCAL_CLOUD_FREEZE=0 (runner/runner.ts FREEZE_DEFAULT).
   */
  freeze?: boolean
  /** Delay added to every database action (milliseconds), to see what a user waits on the platform. */
  dbLatencyMs?: number
  /** Delay added to every function call: H5 gateway, function → function, timers, callFunction(). */
  callLatencyMs?: number
  sendLatencyMs?: number
  failureInjector?: OpenApiOptions['failureInjector']
  sendGate?: OpenApiOptions['sendGate']
  transactionTimeoutMs?: number
  /** The app's pages, for subscribeMessage / wxacode page checks (see OpenApi). */
  pages?: string[]
  /** Env id that getWXContext().ENV and cloud.DYNAMIC_CURRENT_ENV resolve to; default 'local-cloud'. */
  envId?: string
  /** APPID for users that do not name one; default 'wxlocalcloud000000'. */
  appid?: string
  /** Runs after start when the data dir was new or empty (demo data). */
  seed?: (cloud: LocalCloud) => Promise<void>
  /** Where log lines go (default console.log); ignored when quiet. */
  log?: (line: string) => void
}

export interface LocalCloud {
  /** e.g. http://127.0.0.1:8787 */
  url: string
  /** The TCB admin endpoint wx-server-sdk talks to: `${url}/admin`. */
  adminUrl: string
  port: number
  dataDir: string
  db: Database
  openapi: OpenApi
  storage: Storage
  /**
   * Env vars that point an in-process wx-server-sdk at this cloud. With an identity, getWXContext()
   * in this process returns it too (SOURCE wx_client), for testing handlers without the runner.
   */
  sdkEnv(identity?: Identity): Record<string, string>
  /** Calls a function through the runner, as `identity` (SOURCE wx_client) or as no user (wx_http). */
  callFunction<T = unknown>(name: string, data: unknown, identity?: Identity | null): Promise<T>
  /** Runs a function's timer trigger now (SOURCE wx_trigger, no OPENID); resolves to its result. */
  fireTimer<T = unknown>(name: string): Promise<T>
  outbox(filter?: { touser?: string; templateId?: string }): OutboxMessage[]
  grantSubscription(openid: string, templateId: string, count?: number): void
  /**
   * Database and runner counters; `latency` counts the dbLatencyMs / callLatencyMs delays applied and
   * their sum (ms), so tests check the injected latency without timing anything.
   */
  stats(): {
    db: ReturnType<Database['stats']>
    runner: { coldStarts: number; invocations: number }
    latency: { dbDelays: number; dbDelayMs: number; callDelays: number; callDelayMs: number }
  }
  /** Kills every instance and timer, closes the server and the stores; removes a temp data dir. */
  stop(): Promise<void>
}

function isEmptyDir(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0
}

export async function startLocalCloud(opts: LocalCloudOptions = {}): Promise<LocalCloud> {
  const quiet = opts.quiet ?? false
  const out = opts.log ?? ((line: string) => console.log(line))
  const log = quiet ? () => undefined : out
  const envId = opts.envId ?? 'local-cloud'
  const tempData = opts.dataDir === undefined
  const dataDir = tempData ? mkdtempSync(join(tmpdir(), 'local-cloud-')) : resolve(opts.dataDir!)
  const fresh = isEmptyDir(dataDir)
  mkdirSync(dataDir, { recursive: true })

  let url = ''
  const server = new CloudHttpServer()
  const runner = new FunctionRunner({
    functionsDir: resolve(opts.functionsDir ?? join(REPO_ROOT, 'cloudfunctions')),
    adminUrl: () => `${url}/admin`,
    envId,
    appid: opts.appid ?? 'wxlocalcloud000000',
    maxInstances: opts.maxInstances,
    functionEnv: opts.functionEnv,
    freeze: opts.freeze,
    callLatencyMs: opts.callLatencyMs,
    quiet,
    log,
  })
  const timers = new TimerScheduler(runner, log)
  /** dbLatencyMs delays applied, and their sum (ms) */
  const dbDelays = { count: 0, ms: 0 }
  const closers: (() => Promise<void>)[] = []
  let stopped = false
  const stop = async (): Promise<void> => {
    if (stopped) return
    stopped = true
    timers.stop()
    await runner.stop()
    await server.close()
    for (const close of closers.reverse()) await close()
    if (tempData) rmSync(dataDir, { recursive: true, force: true })
  }

  try {
    const db = await Database.open({
      dataDir: join(dataDir, 'db'),
      indexesDir: resolve(opts.databaseDir ?? join(REPO_ROOT, 'database')),
      transactionTimeoutMs: opts.transactionTimeoutMs,
      log: (m) => log(`[db] ${m}`),
    })
    closers.push(() => db.close())
    const openapi = await OpenApi.open({
      dataDir,
      h5BaseUrl: () => url,
      sendLatencyMs: opts.sendLatencyMs,
      failureInjector: opts.failureInjector,
      sendGate: opts.sendGate,
      pages: opts.pages,
    })
    closers.push(() => openapi.close())
    const storage = await Storage.open({ dataDir, publicBaseUrl: () => url, env: envId })
    closers.push(() => storage.close())

    const dbLatencyMs = opts.dbLatencyMs ?? 0
    server.handleAdmin('database', async (req) => {
      if (dbLatencyMs > 0) {
        await sleep(dbLatencyMs)
        dbDelays.count++
        dbDelays.ms += dbLatencyMs
      }
      return db.handle(req)
    })
    server.handleAdmin('storage', (req) => storage.handle(req))
    server.handleAdmin(
      'wx',
      openApiPermissionGuard(runner, (req) => openapi.handle(req)),
    )
    server.handleAdmin('functions', functionsAdminHandler(runner))
    const routes: HttpRoute[] = [
      corsRoute(),
      storage.routes(),
      openapi.routes(),
      h5GatewayRoute(runner),
      devPageRoute({ db, openapi, timers, runner }),
      opts.staticDir ? staticRoute(resolve(opts.staticDir)) : redirectHomeToDevPage,
    ]
    for (const route of routes) server.route(route)

    const host = opts.host ?? '127.0.0.1'
    const port = await server.listen(opts.port ?? 0, host)
    url = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`
    if (opts.timers) timers.start()

    const invoke = async <T>(name: string, data: unknown, ctx: InvocationContext): Promise<T> =>
      JSON.parse(await runner.invoke(name, data, ctx)) as T

    const cloud: LocalCloud = {
      url,
      adminUrl: `${url}/admin`,
      port,
      dataDir,
      db,
      openapi,
      storage,
      sdkEnv(identity) {
        const env: Record<string, string> = {
          TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url}/admin` }),
          TENCENTCLOUD_SECRETID: 'local-cloud',
          TENCENTCLOUD_SECRETKEY: 'local-cloud',
          // Skips @cloudbase/node-sdk's metadata probe (~5 s off Tencent Cloud).
          TENCENTCLOUD: 'true',
          TCB_ENV: envId,
          SCF_NAMESPACE: envId,
        }
        if (identity) {
          env.WX_OPENID = identity.openid
          env.WX_APPID = identity.appid ?? opts.appid ?? 'wxlocalcloud000000'
          if (identity.unionid) env.WX_UNIONID = identity.unionid
          env.WX_CONTEXT_KEYS = Object.keys(env)
            .filter((k) => k.startsWith('WX_'))
            .join(',')
          env.TCB_SOURCE = SOURCE.client
        }
        return env
      },
      callFunction: (name, data, identity) =>
        invoke(
          name,
          data,
          identity
            ? { identity, source: SOURCE.client, clientIp: '127.0.0.1' }
            : { identity: null, source: SOURCE.http },
        ),
      fireTimer: async <T>(name: string) => JSON.parse(await timers.fire(name)) as T,
      outbox: (filter) => openapi.outbox(filter),
      grantSubscription: (openid, templateId, count) => openapi.grantSubscription(openid, templateId, count),
      stats: () => {
        const { coldStarts, invocations, callDelays, callDelayMs } = runner.stats()
        return {
          db: db.stats(),
          runner: { coldStarts, invocations },
          latency: { dbDelays: dbDelays.count, dbDelayMs: dbDelays.ms, callDelays, callDelayMs },
        }
      },
      stop,
    }

    log(`[local-cloud] ${url}  (admin ${url}/admin, dev page ${url}/__dev, data ${dataDir})`)
    if (fresh && opts.seed) {
      log('[local-cloud] new data dir: seeding')
      await opts.seed(cloud)
    }
    return cloud
  } catch (err) {
    await stop()
    throw err
  }
}

/** Without an H5 build, `/` leads to the dev page. */
const redirectHomeToDevPage: HttpRoute = async (req, res, url) => {
  if (url.pathname !== '/' || (req.method !== 'GET' && req.method !== 'HEAD')) return false
  res.writeHead(302, { location: '/__dev' })
  res.end()
  return true
}
