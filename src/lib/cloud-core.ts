/**
 * What every platform's callCloud shares: the typed signature, the `{ ok, data } | { ok: false, … }` answer
 * turned into a value or a thrown CloudCallError, and how a transport failure is worded.
 */
import type { ActionName, CallEvent, FunctionName, InputOf, OutputOf } from '@core/contract'
import { ERROR_MESSAGES, type ErrorCode, type Result } from '@core/errors'

export class CloudCallError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message)
    this.name = 'CloudCallError'
  }
}

export type CallCloud = <F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: InputOf<F, A>,
) => Promise<OutputOf<F, A>>

/**
 * Sends one event to one function and resolves with what the function returned. It throws a CloudCallError
 * when the platform reports a failure it can name, anything else when the request did not get through.
 */
export type Transport = (fn: FunctionName, event: CallEvent) => Promise<unknown>

export function createCallCloud(transport: Transport): CallCloud {
  return async (fn, action, input) => {
    let answer: unknown
    try {
      answer = await transport(fn, { action, input } as CallEvent)
    } catch (error) {
      throw error instanceof CloudCallError ? error : new CloudCallError('NETWORK', ERROR_MESSAGES.NETWORK)
    }
    return settle(answer)
  }
}

/** The function's answer as a value, or its Failure as a thrown CloudCallError. */
export function settle<T>(answer: unknown): T {
  if (!isResult(answer)) throw new CloudCallError('INTERNAL', ERROR_MESSAGES.INTERNAL)
  if (answer.ok) return answer.data as T
  throw new CloudCallError(answer.code, answer.message || messageFor(answer.code), answer.fields)
}

// Platform error codes (wx-server-sdk TCB_ERR_CODE): -504002 the function itself failed, -501003 / -501004
// too many requests; everything else (request failed, timed out, no network) is the network.
const FUNCTION_FAILED = -504002
const RATE_LIMIT_CODES = [-501003, -501004]

/** Words a failure reported by the platform (wx.cloud.callFunction fail, or the local cloud's `error`). */
export function platformFailure(errCode: unknown): CloudCallError {
  if (errCode === FUNCTION_FAILED) return new CloudCallError('INTERNAL', ERROR_MESSAGES.INTERNAL)
  if (typeof errCode === 'number' && RATE_LIMIT_CODES.includes(errCode)) {
    return new CloudCallError('RATE_LIMITED', ERROR_MESSAGES.RATE_LIMITED)
  }
  return new CloudCallError('NETWORK', ERROR_MESSAGES.NETWORK)
}

const RETRYABLE: readonly ErrorCode[] = ['NETWORK', 'INTERNAL', 'RATE_LIMITED', 'CONFLICT']

/** Whether asking again can help (重试); a missing station or a refusal stays what it is. */
export function isRetryable(error: CloudCallError): boolean {
  return RETRYABLE.includes(error.code)
}

/** Any thrown value as something the one error notice can show. */
export function toCloudError(error: unknown): CloudCallError {
  return error instanceof CloudCallError ? error : new CloudCallError('INTERNAL', ERROR_MESSAGES.INTERNAL)
}

function messageFor(code: ErrorCode): string {
  return code in ERROR_MESSAGES
    ? ERROR_MESSAGES[code as keyof typeof ERROR_MESSAGES]
    : ERROR_MESSAGES.INTERNAL
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false
  const { ok } = value as { ok: unknown }
  return ok === true
    ? 'data' in value
    : ok === false && typeof (value as { code?: unknown }).code === 'string'
}
