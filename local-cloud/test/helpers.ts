import { join } from 'node:path'
import { Writer } from 'protobufjs/minimal'
import { FunctionRunner, functionsAdminHandler, openApiPermissionGuard } from '../src/runner'
import { CloudHttpServer } from '../src/server'

export const FIXTURE_FUNCTIONS = join(__dirname, 'fixtures', 'functions')
export const ENV_ID = 'runner-test-env'
export const APPID = 'wxrunnertest00001'

/** A server with only the function runner (and a stand-in wx.openApi) behind the admin endpoint. */
export async function startRunner(
  opts: {
    maxInstances?: number
    functionsDir?: string
    log?: (line: string) => void
    freeze?: boolean
  } = {},
) {
  const server = new CloudHttpServer()
  let adminUrl = ''
  const runner = new FunctionRunner({
    functionsDir: opts.functionsDir ?? FIXTURE_FUNCTIONS,
    adminUrl: () => adminUrl,
    envId: ENV_ID,
    appid: APPID,
    maxInstances: opts.maxInstances,
    freeze: opts.freeze,
    functionEnv: { LOCAL_CLOUD_TEST_SETTING: 'from-console' },
    quiet: opts.log === undefined,
    log: opts.log,
  })
  const openApiCalls: string[] = []
  server.handleAdmin('functions', functionsAdminHandler(runner))
  server.handleAdmin(
    'wx',
    openApiPermissionGuard(runner, async (req) => {
      openApiCalls.push(String(req.body.fields.apiName))
      const json = Buffer.from(JSON.stringify({ errcode: 0, errmsg: 'ok', result: { suggest: 'pass' } }))
      const body = Buffer.from(
        Writer.create().uint32(10).bytes(json).uint32(18).string('application/json').finish(),
      )
      return { kind: 'binary', body, contentType: 'application/octet-stream' }
    }),
  )
  const port = await server.listen(0)
  adminUrl = `http://127.0.0.1:${port}/admin`
  return {
    runner,
    adminUrl,
    openApiCalls,
    async stop() {
      await runner.stop()
      await server.close()
    },
  }
}

/** The env that points an in-process wx-server-sdk at a local admin endpoint (no credential probe). */
export function pointSdkAt(env: Record<string, string>): () => void {
  const saved = new Map<string, string | undefined>()
  for (const [k, v] of Object.entries(env)) {
    saved.set(k, process.env[k])
    process.env[k] = v
  }
  return () => {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
}

/** The slice of wx-server-sdk the tests use, typed as it behaves (its own typings say `Promise | void`). */
export interface WxServerSdk {
  init(o: { env: unknown }): void
  DYNAMIC_CURRENT_ENV: unknown
  callFunction(o: { name: string; data?: unknown }): Promise<{ result: unknown }>
  database(o?: { throwOnNotFound?: boolean }): {
    createCollection(name: string): Promise<unknown>
    collection(name: string): {
      add(o: { data: Record<string, unknown> }): Promise<{ _id: string }>
      doc(id: string): { get(): Promise<{ data: Record<string, unknown> }> }
    }
  }
}

/** A fresh SDK module (its init state is per module instance). */
export function loadSdk(): WxServerSdk {
  let sdk: WxServerSdk | undefined
  jest.isolateModules(() => {
    sdk = jest.requireActual<WxServerSdk>('wx-server-sdk')
  })
  if (!sdk) throw new Error('could not load wx-server-sdk')
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV })
  return sdk
}

export interface SdkError {
  errCode: number
  errMsg: string
  /** The TCB error code, when the error came from the admin API. */
  code?: string
}

export async function rejection(p: Promise<unknown>): Promise<SdkError> {
  try {
    await p
  } catch (err) {
    return err as SdkError
  }
  throw new Error('expected the call to fail')
}
