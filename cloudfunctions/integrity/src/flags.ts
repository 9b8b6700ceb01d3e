/** Raising a flag (once, by its `_id`) and showing one (the view, the scope and self checks). */
import type { FlagView } from '../../../core/contract/integrity'
import { integrityFlags, type FlagDoc } from '../../../core/contract/integrity.collections'
import { AppError } from '../../../core/errors'
import { FLAG_KIND_NAMES, flagId } from '../../../core/integrity/rules'
import { grantedUnitIds } from '../../../server/auth'
import { from } from '../../../server/db'
import type { Caller, Db } from '../../../server/types'

/** A flag to raise: its `_id` follows from kind and subject (flagId), so retries and re-scans meet it. */
export type NewFlag = Omit<
  FlagDoc,
  '_id' | 'status' | 'raisedAt' | 'resolvedBy' | 'resolvedByName' | 'resolvedAt' | 'note'
>

/**
 * Inserts the flag unless its `_id` exists (answers whether this call raised it). A flag already there
 * is left as it is — except an open SHARED_CODE_BURST whose group has grown since: its evidence is
 * replaced by the larger group (conditional on `open`, so a resolved flag's evidence never changes).
 */
export async function raise(db: Db, flag: NewFlag, now: Date): Promise<boolean> {
  const doc: FlagDoc = {
    _id: flagId(flag.kind, flag.subject),
    ...flag,
    status: 'open',
    raisedAt: now,
    resolvedBy: null,
    resolvedByName: null,
    resolvedAt: null,
    note: null,
  }
  const flags = from(db, integrityFlags)
  const res = await flags.insertUnique(doc)
  if (res.inserted) return true
  const old = res.existing.evidence
  if (
    flag.evidence.kind === 'SHARED_CODE_BURST' &&
    old.kind === 'SHARED_CODE_BURST' &&
    flag.evidence.records.length > old.records.length
  ) {
    await flags.update(
      { _id: doc._id, status: 'open' },
      { evidence: flag.evidence, openids: flag.openids, names: flag.names, summary: flag.summary },
    )
  }
  return false
}

export function viewOf(f: FlagDoc, caller: Caller): FlagView {
  return {
    _id: f._id,
    kind: f.kind,
    kindName: FLAG_KIND_NAMES[f.kind],
    summary: f.summary,
    unitId: f.unitId,
    unitName: f.unitName,
    people: f.openids.map((openid, i) => ({ openid, name: f.names[i] ?? null })),
    status: f.status,
    raisedAt: new Date(f.raisedAt).getTime(),
    resolvedByName: f.resolvedByName,
    resolvedAt: f.resolvedAt ? new Date(f.resolvedAt).getTime() : null,
    note: f.note,
    canResolve: f.status === 'open' && !f.openids.includes(caller.openid),
    evidence: f.evidence,
  }
}

export const SELF_FLAG_MESSAGE = '这条核查涉及您本人，需由上级单位或其他专管员处理'

/**
 * The flag, if the caller manages a unit on its path and is not one of its people: NOT_FOUND, FORBIDDEN
 * or SELF_FLAG otherwise.
 */
export async function flagForManager(db: Db, caller: Caller, id: string): Promise<FlagDoc> {
  const flag = await from(db, integrityFlags).byId(id)
  if (!flag) throw new AppError('NOT_FOUND', '没有找到这条核查记录，请从列表重新打开')
  const scope = new Set(grantedUnitIds(caller, 'manager'))
  if (!flag.unitPath.some((u) => scope.has(u)))
    throw new AppError('FORBIDDEN', `这条核查属于「${flag.unitName}」，您不是它或其上级单位的专管员`)
  if (flag.openids.includes(caller.openid)) throw new AppError('SELF_FLAG', SELF_FLAG_MESSAGE)
  return flag
}
