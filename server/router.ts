/**
 * The router every cloud function uses: one typed action union per function, input validation against
 * the contract, a role check, one error shape, and handlers that receive db, caller and clock.
 * Identity comes only from `cloud.getWXContext()` (platform-facts: never trust an openid in the event).
 */
import type { z } from 'zod'
import type { ActionName, Contract, FunctionName, OutputOf, ParsedInputOf } from '../core/contract'
import type { ActionSpec } from '../core/contract/define'
import { users } from '../core/contract/users.collections'
import type { UserRecord } from '../core/domain'
import { AppError, ERROR_MESSAGES, type Failure, type Result } from '../core/errors'
import { rolesOf } from './auth'
import { from } from './db'
import { ServerEnvError, serverEnv } from './env'
import { wxOpenApi } from './openapi'
import type { Caller, CallerRef, Cloud, Db, HandlerContext, OpenApi } from './types'

/** A handler: its `ctx.caller` is the caller's record, read (for the role check) before it runs. */
export type Handler<F extends FunctionName, A extends ActionName<F>> = (
  input: ParsedInputOf<F, A>,
  ctx: HandlerContext,
) => Promise<OutputOf<F, A>>

/** A handler whose `ctx.caller` is the openid at once and the record on demand (see callerOnDemand). */
export type OnDemandHandler<F extends FunctionName, A extends ActionName<F>> = (
  input: ParsedInputOf<F, A>,
  ctx: HandlerContext<CallerRef>,
) => Promise<OutputOf<F, A>>

const ON_DEMAND = Symbol('callerOnDemand')

/**
 * Marks the handler of an action anyone may call (roles include 'resident') as not needing the caller's
 * record up front. The router then starts reading the record when the call arrives and runs the handler
 * at once: a handler that never needs the record (a public read) costs no round for it, and one that
 * does `await caller.load()` next to its first reads. Handlers of other actions get the record the role
 * check read, as before, whatever this mark says.
 *
 *   export const get = callerOnDemand<'stations', 'get'>(async (input, { db }) => { … })
 */
export function callerOnDemand<F extends FunctionName, A extends ActionName<F>>(
  handler: OnDemandHandler<F, A>,
): Handler<F, A> {
  return Object.assign(handler, { [ON_DEMAND]: true })
}

function isOnDemand(handler: unknown): boolean {
  return (handler as { [ON_DEMAND]?: boolean })[ON_DEMAND] === true
}

export type Handlers<F extends FunctionName> = { [A in ActionName<F>]: Handler<F, A> }

/** A timer run (SOURCE=wx_trigger, no OPENID): gets db and clock, no caller. */
export type TimerHandler = (ctx: Omit<HandlerContext, 'caller'> & { triggerName: string }) => Promise<unknown>

type AnyHandler = (input: unknown, ctx: HandlerContext<CallerRef>) => Promise<unknown>

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
  const records = from(db, users)
  let user = await records.byId(openid)
  if (!user) {
    const fresh: UserRecord = { _id: openid, grants: [], createdAt: now }
    // Two first calls may race: the one that loses finds the other's record.
    const added = await records.insertUnique(fresh)
    user = added.inserted ? fresh : added.existing
  }
  const grants = user.grants ?? []
  const caller: Caller = { openid, user, roles: rolesOf(grants), grants, load: () => Promise.resolve(caller) }
  return caller
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
    try {
      serverEnv() // parsed on the instance's first call, remembered after
    } catch (err) {
      if (!(err instanceof ServerEnvError)) throw err
      console.error(`[${fn}] ${err.message}`)
      return fail('INTERNAL', '服务配置有误，请联系管理员')
    }
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

    const openid = wx.OPENID
    const handler = (handlers as unknown as Record<string, AnyHandler>)[action]!
    try {
      if (isOnDemand(handler) && spec.roles.includes('resident')) {
        // Anyone may call: the record is read alongside the handler's own first reads, not before them.
        // It is still read (and created on a first call) when the handler never asks for it, and the
        // call fails as before if that fails.
        let loading: Promise<Caller> | undefined
        const load = () => (loading ??= loadCaller(db, openid, now()))
        const pending = load()
        pending.catch(() => undefined) // awaited below; a handler failure answers first
        let data: unknown
        try {
          data = await handler(parsed.data, { ...base, caller: { openid, load } })
        } catch (err) {
          // nothing left running when the call answers (the platform freezes the instance after it)
          await pending.catch(() => undefined)
          throw err
        }
        await pending
        return { ok: true, data }
      }
      const caller = await loadCaller(db, openid, now())
      if (!spec.roles.some((role) => caller.roles.has(role))) return fail('FORBIDDEN')
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
