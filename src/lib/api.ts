/**
 * The client, derived from the contract: `api.<function>.<action>(input)` calls that action through the
 * platform's callCloud, typed with the contract's InputOf / OutputOf. Types only come from the contract (no
 * zod on the phone); the names are read at call time, so a new action in core/contract needs no code here.
 *
 *   const week = await api.activities.listWeek({ scope, week: '2026-11-23' })
 *   await api.activities.register({ id, accepted })
 *   const me = await api.users.me()        // an action whose input may be empty takes no argument
 */
import type { ActionName, FunctionName, InputOf, OutputOf } from '@core/contract'
import { callCloud, type CallCloud } from './cloud'

/** One action as a function: the input is optional when `{}` is a valid input. */
export type ActionCall<F extends FunctionName, A extends ActionName<F>> =
  {} extends InputOf<F, A>
    ? (input?: InputOf<F, A>) => Promise<OutputOf<F, A>>
    : (input: InputOf<F, A>) => Promise<OutputOf<F, A>>

export type FunctionClient<F extends FunctionName> = { readonly [A in ActionName<F>]: ActionCall<F, A> }

export type Api = { readonly [F in FunctionName]: FunctionClient<F> }

/**
 * Builds the client over any callCloud (tests pass a fake). Property reads become names: `api.x.y` is
 * `(input) => call('x', 'y', input ?? {})`. Each function and action object is made once and reused, so
 * `api.x.y` is stable (safe in effect dependencies). `then` and symbols read as undefined, so the client
 * is never mistaken for a promise or iterated by a logger.
 */
export function createApi(call: CallCloud): Api {
  const functions = new Map<string, object>()
  const untyped = call as unknown as (fn: string, action: string, input: unknown) => Promise<unknown>

  const functionClient = (fn: string): object => {
    const actions = new Map<string, (input?: unknown) => Promise<unknown>>()
    return new Proxy(
      {},
      {
        get(_target, action) {
          if (typeof action !== 'string' || action === 'then') return undefined
          let run = actions.get(action)
          if (!run) {
            run = (input?: unknown) => untyped(fn, action, input ?? {})
            actions.set(action, run)
          }
          return run
        },
      },
    )
  }

  return new Proxy(
    {},
    {
      get(_target, fn) {
        if (typeof fn !== 'string' || fn === 'then') return undefined
        let client = functions.get(fn)
        if (!client) {
          client = functionClient(fn)
          functions.set(fn, client)
        }
        return client
      },
    },
  ) as Api
}

export const api: Api = createApi(callCloud)
