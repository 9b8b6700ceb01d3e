import { join } from 'node:path'

export const FIXTURE_FUNCTIONS = join(__dirname, 'fixtures', 'functions')

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

/** wx-server-sdk has no bundled types we rely on here; this is the slice the tests use. */
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
}

export async function rejection(p: Promise<unknown>): Promise<SdkError> {
  try {
    await p
  } catch (err) {
    return err as SdkError
  }
  throw new Error('expected the call to fail')
}
