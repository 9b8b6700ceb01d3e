/**
 * Typed calls between cloud functions (e.g. orders → notices): the same contract, the same validation.
 * The call goes through the callee's own router (`cloud.callFunction`), so the callee validates the
 * input against its contract and checks the role exactly as for a call from the phone; the caller gets
 * the contract's input type and a `Result` of the contract's output type. This is the one place that
 * calls `cloud.callFunction` (a lint rule in .eslintrc.js forbids it elsewhere in server/ and
 * cloudfunctions/).
 *
 * Identity: the platform runs the callee as the same user (getWXContext: the same OPENID, SOURCE
 * `wx_client,scf`), so the callee's role check applies to the person who made the first call. A call
 * from a timer run (SOURCE `wx_trigger`, no OPENID) carries no user: the callee's router answers
 * UNAUTHENTICATED. There is deliberately no system identity that a callee would trust: a timer uses the
 * shared server code (server/notify, server/db …) directly instead of another function's actions.
 */
import type { ActionName, CallEvent, FunctionName, InputOf, OutputOf } from '../core/contract'
import { AppError, type Result } from '../core/errors'
import type { Cloud } from './types'

/** Calls `fn`'s `action` with `input`; answers the callee's Result (ok with data, or its failure). */
export async function callAction<F extends FunctionName, A extends ActionName<F>>(
  cloud: Cloud,
  fn: F,
  action: A,
  input: InputOf<F, A>,
): Promise<Result<OutputOf<F, A>>> {
  const data: CallEvent<F, A> = { action, input }
  const res = (await cloud.callFunction({ name: fn, data })) as { result?: unknown }
  const result = res?.result as Result<OutputOf<F, A>> | undefined
  if (!result || typeof result !== 'object' || typeof result.ok !== 'boolean') {
    throw new Error(`${fn}.${action} answered no result`)
  }
  return result
}

/**
 * Like callAction, but answers the data and throws the callee's failure as an AppError (same code,
 * message and fields), so a handler can pass a refusal on to its own caller unchanged.
 */
export async function callActionOk<F extends FunctionName, A extends ActionName<F>>(
  cloud: Cloud,
  fn: F,
  action: A,
  input: InputOf<F, A>,
): Promise<OutputOf<F, A>> {
  const result = await callAction(cloud, fn, action, input)
  if (!result.ok) throw new AppError(result.code, result.message, result.fields)
  return result.data
}
