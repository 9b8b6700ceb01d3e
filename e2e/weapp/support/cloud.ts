/**
 * The weapp's wx.cloud.callFunction answered by a real local cloud (loopback, demo county seeded): the
 * built functions run with the real wx-server-sdk, as the identity the test chooses. Tests prepare and
 * check data through the same functions, typed by the contract.
 */
import type { ActionName, FunctionName, InputOf, OutputOf } from '../../../core/contract'
import { FunctionError, startLocalCloud, type LocalCloud } from '../../../local-cloud/src'
import { appPages } from '../../../scripts/app-pages'
import { seedDemo } from '../../../scripts/seed'
import type { CloudTransport } from './weapp'

export function startDemoCloud(): Promise<LocalCloud> {
  return startLocalCloud({ port: 0, quiet: true, pages: appPages(), seed: (cloud) => seedDemo(cloud) })
}

/** wx.cloud.callFunction as `openid`. A function that throws fails the call with its platform errCode. */
export function callAs(cloud: LocalCloud, openid: string): CloudTransport {
  return async (fn, data) => {
    try {
      return await cloud.callFunction(fn, data, { openid })
    } catch (error) {
      if (error instanceof FunctionError) {
        throw { errCode: error.errCode, errMsg: `cloud.callFunction:fail ${error.errCode} ${error.message}` }
      }
      throw error
    }
  }
}

/** One action as `openid`, for a test's setup and checks; its data, or a thrown error with the code. */
export async function callAction<F extends FunctionName, A extends ActionName<F>>(
  cloud: LocalCloud,
  openid: string,
  fn: F,
  action: A,
  input: InputOf<F, A>,
): Promise<OutputOf<F, A>> {
  const answer = await cloud.callFunction<{ ok: boolean; data?: unknown; code?: string; message?: string }>(
    fn,
    { action, input },
    { openid },
  )
  if (!answer.ok) throw new Error(`${fn}.${action} as ${openid}: ${answer.code} ${answer.message}`)
  return answer.data as OutputOf<F, A>
}
