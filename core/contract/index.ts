/**
 * The typed contract between the mini-program and the cloud functions: for every function and action,
 * its input schema, allowed roles and output type. The client imports types only.
 */
import type { z } from 'zod'
import type { ActionSpec } from './define'
import { activities } from './activities'
import { codes } from './codes'
import { inbox } from './inbox'
import { network } from './network'
import { notices } from './notices'
import { people } from './people'
import { orders } from './orders'
import { signin } from './signin'
import { stations } from './stations'
import { users } from './users'
import { credit } from './credit'
import { stats } from './stats'
import { integrity } from './integrity'
import { plans } from './plans'
import { certificates } from './certificates'
import { posters } from './posters'

export const contract = {
  activities,
  stations,
  users,
  codes,
  signin,
  notices,
  inbox,
  orders,
  people,
  network,
  credit,
  stats,
  integrity,
  plans,
  certificates,
  posters,
} as const

export type Contract = typeof contract
export type FunctionName = keyof Contract
export type ActionName<F extends FunctionName> = keyof Contract[F] & string
type SpecOf<F extends FunctionName, A extends ActionName<F>> = Contract[F][A]
export type InputOf<F extends FunctionName, A extends ActionName<F>> =
  SpecOf<F, A> extends ActionSpec<infer I, unknown> ? z.input<I> : never
export type ParsedInputOf<F extends FunctionName, A extends ActionName<F>> =
  SpecOf<F, A> extends ActionSpec<infer I, unknown> ? z.output<I> : never
export type OutputOf<F extends FunctionName, A extends ActionName<F>> =
  SpecOf<F, A> extends ActionSpec<z.ZodType, infer O> ? O : never

/** What travels as the callFunction event. */
export interface CallEvent<F extends FunctionName = FunctionName, A extends ActionName<F> = ActionName<F>> {
  action: A
  input: InputOf<F, A>
}

export type { ActionSpec } from './define'
export * from './activities'
export * from './codes'
export * from './inbox'
export * from './network'
export * from './notices'
export * from './people'
export * from './orders'
export * from './signin'
export * from './stations'
export * from './users'
export * from './credit'
export * from './stats'
export * from './integrity'
export * from './plans'
export * from './certificates'
export * from './posters'
