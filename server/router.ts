/**
 * The router every cloud function uses: one typed action union per function, input validation against
 * the contract, a role check, one error shape, and handlers that receive db, caller and clock.
 * Identity comes only from `cloud.getWXContext()` (platform-facts: never trust an openid in the event).
 */
import type { z } from 'zod'
import type { ActionName, Contract, FunctionName, OutputOf, ParsedInputOf } from '../core/contract'
import type { ActionSpec } from '../core/contract/define'
import type { UserRecord } from '../core/domain'
import { AppError, ERROR_MESSAGES, type Failure, type Result } from '../core/errors'
import { rolesOf } from './auth'
import { one } from './db'
import { wxOpenApi } from './openapi'
import type { Caller, Cloud, Db, HandlerContext, OpenApi } from './types'

export type Handler<F extends FunctionName, A extends ActionName<F>> = (
  input: ParsedInputOf<F, A>,
  ctx: HandlerContext,
) => Promise<OutputOf<F, A>>

export type Handlers<F extends FunctionName> = { [A in ActionName<F>]: Handler<F, A> }

/** A timer run (SOURCE=wx_trigger, no OPENID): gets db and clock, no caller. */
export type TimerHandler = (ctx: Omit<HandlerContext, 'caller'> & { triggerName: string }) => Promise<unknown>

export interface FunctionDeps {
  cloud: Cloud
  now?: () => Date
  openapi?: OpenApi
}

interface TimerEvent {
  Type: 'Timer'
  TriggerName: string
  Time: string
}

function isTimerEvent(event: unknown): event is TimerEvent {
  return typeof event === 'object' && event !== null && (event as { Type?: unknown }).Type === 'Timer'
}

export function fail(code: Failure['code'], message?: string, fields?: Record<string, string>): Failure {
  const text = message ?? ERROR_MESSAGES[code as keyof typeof ERROR_MESSAGES] ?? ERROR_MESSAGES.INTERNAL
  return fields ? { ok: false, code, message: text, fields } : { ok: false, code, message: text }
}

function invalidInput(error: z.ZodError): Failure {
  const fields: Record<string, string> = {}
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '(input)'
    fields[path] ??= issue.message
  }
  const first = Object.values(fields)[0]
  return fail('INVALID_INPUT', first ? `${first}` : undefined, fields)
}

/** Reads the caller's user record, creating it on the first call (race-safe: _id is the openid). */
export async function loadCaller(db: Db, openid: string, now: Date): Promise<Caller> {
  const users = db.collection('users')
  let user = await one<UserRecord>(users.where({ _id: openid }).limit(1).get())
  if (!user) {
    const fresh: UserRecord = { _id: openid, grants: [], createdAt: now }
    try {
      await users.add({ data: fresh })
      user = fresh
    } catch (err) {
      // Two first calls raced; the other one created it.
      user = await one<UserRecord>(users.where({ _id: openid }).limit(1).get())
      if (!user) throw err
    }
  }
  const grants = user.grants ?? []
  return { openid, user, roles: rolesOf(grants), grants }
}

/**
 * The function's `main`. `contract` is the function's own contract module (core/contract/<fn>.ts), passed
 * in rather than looked up in the whole contract so a bundle builds only its own function's schemas
 * (issue 9: building all seven functions' zod schemas was about a third of the module load).
 */
export function createMain<F extends FunctionName>(
  fn: F,
  contract: Contract[F],
  handlers: Handlers<F>,
  deps: FunctionDeps,
  timer?: TimerHandler,
): (event: unknown) => Promise<Result<unknown> | unknown> {
  const specs = contract as unknown as Record<string, ActionSpec<z.ZodType, unknown>>
  const { cloud } = deps
  const now = deps.now ?? (() => new Date())

  return async function main(event: unknown) {
    const wx = cloud.getWXContext()
    const db = cloud.database()
    const base = {
      db,
      _: db.command,
      now,
      openapi: deps.openapi ?? wxOpenApi(cloud),
      cloud,
      source: wx.SOURCE ?? '',
    }

    if (isTimerEvent(event)) {
      if (wx.SOURCE !== 'wx_trigger' || !timer) return fail('FORBIDDEN')
      return timer({ ...base, triggerName: event.TriggerName })
    }

    const { action, input } = (event ?? {}) as { action?: unknown; input?: unknown }
    if (typeof action !== 'string' || !Object.prototype.hasOwnProperty.call(specs, action)) {
      return fail('UNKNOWN_ACTION')
    }
    const spec = specs[action]!
    if (!wx.OPENID) return fail('UNAUTHENTICATED')

    const parsed = spec.input.safeParse(input ?? {})
    if (!parsed.success) return invalidInput(parsed.error)

    try {
      const caller = await loadCaller(db, wx.OPENID, now())
      if (!spec.roles.some((role) => caller.roles.has(role))) return fail('FORBIDDEN')
      const handler = (
        handlers as unknown as Record<string, (i: unknown, c: HandlerContext) => Promise<unknown>>
      )[action]!
      const data = await handler(parsed.data, { ...base, caller })
      return { ok: true, data }
    } catch (err) {
      if (err instanceof AppError) return fail(err.code, err.message, err.fields)
      console.error(`[${fn}.${action}]`, err)
      return fail('INTERNAL')
    }
  }
}

/** True when the SDK reports a missing document (doc().get() throws for an unknown id). */
export function isNotFound(err: unknown): boolean {
  const message = (err as { errMsg?: string; message?: string })?.errMsg ?? (err as Error)?.message ?? ''
  return /does not exist|not exist|DOCUMENT_NOT_EXIST/i.test(message)
}
