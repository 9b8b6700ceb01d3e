/** What the network's handlers share: unit views, the audit line, errors, and a retried transaction. */
import { NEARBY_DEFAULT_RADIUS_M } from '../../../core/contract/nearby'
import {
  NETWORK_ERRORS,
  type NetworkErrorCode,
  type UnitNode,
  type AuditKind,
} from '../../../core/contract/network'
import { auditLog, type AuditDoc } from '../../../core/contract/network.collections'
import type { RoleGrant, Unit } from '../../../core/domain'
import { AppError } from '../../../core/errors'
import { maskName } from '../../../core/network/rules'
import { from } from '../../../server/db'
import { isNotFound } from '../../../server/router'
import type { Caller, Db } from '../../../server/types'
import { randomBytes } from 'node:crypto'

export function networkError(code: NetworkErrorCode, message?: string): AppError {
  return new AppError(code, message ?? NETWORK_ERRORS[code])
}

export function notFound(what = '这个单位'): AppError {
  return new AppError('NOT_FOUND', `没有找到${what}，可能已被删除`)
}

/** URL-safe random id of `length` characters (6 random bits each). */
export function randomId(length: number): string {
  return randomBytes(Math.ceil((length * 3) / 4))
    .toString('base64url')
    .slice(0, length)
}

const ms = (d: Date | number | string | undefined | null): number | null =>
  d === undefined || d === null ? null : new Date(d).getTime()

/**
 * [longitude, latitude] of a stored location: the SDK answers a geo field as its Point class (`longitude`,
 * `latitude`), a document written here or by the seed carries GeoJSON `coordinates`.
 */
export function lngLat(
  location: Unit['location'] | { longitude: number; latitude: number },
): [number, number] {
  return 'coordinates' in location ? location.coordinates : [location.longitude, location.latitude]
}

export function toNode(u: Unit, below: UnitNode['below'] = {}): UnitNode {
  const [longitude, latitude] = lngLat(u.location)
  return {
    _id: u._id,
    name: u.name,
    level: u.level,
    parentId: u.parentId,
    address: u.address,
    latitude,
    longitude,
    phone: u.phone,
    hours: u.hours,
    code: u.code,
    radiusMeters: u.radiusMeters ?? NEARBY_DEFAULT_RADIUS_M,
    retired: u.retired === true,
    retiredAt: ms(u.retiredAt),
    successorName: u.successorName ?? null,
    below,
  }
}

/** The name a person goes by in the log: the one they gave, else a masked id. */
export function actorName(caller: Caller): string {
  return caller.user.name ?? `用户${caller.openid.slice(-4)}`
}

export interface AuditInput {
  kind: AuditKind
  caller: Caller
  unit: Pick<Unit, '_id' | 'name' | 'ancestors'>
  at: Date
  subject?: { openid: string; name: string | null } | null
  role?: RoleGrant['role'] | null
  invitationId?: string | null
  detail?: string | null
}

/** One audit line. `_id` is given by the caller when the line must be written once (a transaction retry). */
export function auditLine(a: AuditInput, id = `a-${a.at.getTime()}-${randomId(8)}`): AuditDoc {
  return {
    _id: id,
    at: a.at,
    kind: a.kind,
    actor: a.caller.openid,
    actorName: actorName(a.caller),
    subject: a.subject?.openid ?? null,
    subjectName: a.subject?.name ?? null,
    role: a.role ?? null,
    unitId: a.unit._id,
    unitName: a.unit.name,
    unitPath: [...a.unit.ancestors, a.unit._id],
    invitationId: a.invitationId ?? null,
    detail: a.detail ?? null,
  }
}

export function writeAudit(db: Db, a: AuditInput): Promise<void> {
  return from(db, auditLog).insert(auditLine(a))
}

export function maskedSubject(name: string | null): string | null {
  return name === null ? null : maskName(name)
}

type Tx = Awaited<ReturnType<Db['startTransaction']>>

const CONFLICT = /TransactionConflict|TRANSACTION_CONFLICT|WriteConflict/i
const ATTEMPTS = 5
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs `attempt` in a transaction, again (bounded, after a short random pause) when a write met another
 * transaction's write (architecture.md "Contexts that use transactions": the SDK's runTransaction does not
 * retry a conflict). An AppError from the attempt rolls it back and is thrown as it is: nothing written.
 */
export async function inTransaction<T>(db: Db, attempt: (tx: Tx) => Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    const tx = await db.startTransaction()
    try {
      const out = await attempt(tx)
      await tx.commit()
      return out
    } catch (err) {
      await Promise.resolve(tx.rollback()).catch(() => undefined)
      const text = `${(err as { errCode?: unknown })?.errCode ?? ''} ${(err as Error)?.message ?? ''}`
      if (err instanceof AppError || i >= ATTEMPTS || !CONFLICT.test(text)) throw err
      await pause(Math.random() * 20 * 2 ** i)
    }
  }
}

/** A document read inside a transaction, or undefined when there is none. */
export async function txGet<T>(tx: Tx, collection: string, id: string): Promise<T | undefined> {
  try {
    const res = (await tx.collection(collection).doc(id).get()) as { data?: T | null }
    return res.data ?? undefined
  } catch (err) {
    // doc().get() throws for a missing id (platform-facts)
    if (isNotFound(err)) return undefined
    throw err
  }
}
