/**
 * The ledger's one write path: a line and its person's balance in one transaction. The line's `_id`
 * comes from its source, and every posting writes the account document, so two attempts at the same
 * line conflict and the retry finds the line (answered as a duplicate, nothing written twice).
 */
import type { LedgerLineView } from '../../../core/contract/credit'
import {
  creditAccounts,
  creditLedger,
  type CreditAccount,
  type LedgerLine,
} from '../../../core/contract/credit.collections'
import { AppError } from '../../../core/errors'
import { epochMs } from '../../../core/time'
import { countLineOnCommit } from '../../../server/stats'
import { txGet, txSet, type Tx } from './tx'

export function emptyAccount(openid: string, now: Date): CreditAccount {
  return {
    _id: openid,
    balance: 0,
    held: 0,
    earned: 0,
    serviceMinutes: 0,
    servicePointsByDay: {},
    lines: 0,
    updatedAt: now,
  }
}

export type NewLine = Omit<LedgerLine, 'balanceAfter' | 'at'>

/**
 * Posts `line` (unless its `_id` is already in the ledger) and applies `change` to the account in the
 * same transaction. A line that would take the balance below zero is refused (nothing written).
 */
export async function postLine(
  tx: Tx,
  line: NewLine,
  now: Date,
  change: (account: CreditAccount) => void = () => undefined,
  /** a system correction (service hours, a changed rating) is posted even if it takes the balance below 0 */
  allowNegative = false,
  /** the account as this transaction already read it (settlement reads it first): not read again */
  known?: CreditAccount,
): Promise<{ line: LedgerLine; duplicate: boolean; account: CreditAccount }> {
  const existing = await txGet<LedgerLine>(tx, creditLedger.name, line._id)
  const account =
    known ??
    (await txGet<CreditAccount>(tx, creditAccounts.name, line.openid)) ??
    emptyAccount(line.openid, now)
  if (existing) return { line: existing, duplicate: true, account }
  if (account.balance + line.points < 0 && !allowNegative) {
    throw new AppError('INSUFFICIENT_POINTS', `积分不足：可用 ${account.balance} 分，需要 ${-line.points} 分`)
  }
  account.balance += line.points
  if (line.points > 0 && line.kind !== 'refund') account.earned += line.points
  account.lines += 1
  account.updatedAt = now
  change(account)
  const full: LedgerLine = { ...line, balanceAfter: account.balance, at: now }
  await tx.collection(creditLedger.name).add({ data: full })
  countLineOnCommit(tx, full) // points figures (server/stats.ts): bumped once the transaction commits
  await txSet(tx, creditAccounts.name, account)
  return { line: full, duplicate: false, account }
}

export function lineView(l: LedgerLine): LedgerLineView {
  return {
    _id: l._id,
    kind: l.kind,
    points: l.points,
    balanceAfter: l.balanceAfter,
    explanation: l.explanation,
    at: epochMs(l.at),
  }
}
