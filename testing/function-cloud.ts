/**
 * Test support: a fresh local cloud running the built functions through the real wx-server-sdk, and a
 * client that calls them as a chosen WeChat identity.
 */
import type { ActionName, FunctionName, InputOf, OutputOf } from '../core/contract'
import type { Result } from '../core/errors'
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../local-cloud/src'
import { appPages } from '../scripts/app-pages'
import { seedDemo } from '../scripts/seed'

export interface TestCloud {
  cloud: LocalCloud
  as(openid: string | null): Caller
  stop(): Promise<void>
}

export interface Caller {
  call<F extends FunctionName, A extends ActionName<F>>(
    fn: F,
    action: A,
    input: InputOf<F, A>,
  ): Promise<Result<OutputOf<F, A>>>
  /** Like call, but throws unless ok; answers the data. */
  ok<F extends FunctionName, A extends ActionName<F>>(
    fn: F,
    action: A,
    input: InputOf<F, A>,
  ): Promise<OutputOf<F, A>>
  /** Sends a raw event (for malformed-input tests). */
  raw(fn: FunctionName, event: unknown): Promise<unknown>
}

export async function startTestCloud(
  options: Omit<LocalCloudOptions, 'seed'> & { seed?: boolean; now?: Date } = {},
): Promise<TestCloud> {
  const { seed = true, now, ...rest } = options
  const cloud = await startLocalCloud({ quiet: true, timers: false, pages: appPages(), ...rest })
  if (seed) await seedDemo(cloud, now, { history: false })
  const as = (openid: string | null): Caller => {
    const identity = openid === null ? null : { openid, appid: 'wx-test-app' }
    const raw = (fn: FunctionName, event: unknown) => cloud.callFunction(fn, event, identity)
    const call: Caller['call'] = async (fn, action, input) =>
      (await raw(fn, { action, input })) as Result<never>
    return {
      raw,
      call,
      async ok(fn, action, input) {
        const res = await call(fn, action, input)
        if (!res.ok) throw new Error(`${fn}.${String(action)} failed: ${res.code} ${res.message}`)
        return res.data
      },
    }
  }
  return { cloud, as, stop: () => cloud.stop() }
}
