/**
 * The integrity rules (issue 15 item 6, docs/integrity.md): pure functions deciding whether service
 * records or ledger lines deserve a manager's look. They never change points; they only raise flags.
 */
import type { EvidenceRecord, FlagKind } from '../contract/integrity'

/**
 * HOURS_OVER_ACTIVITY: credited minutes may exceed the activity's span by this much before a flag.
 * Sign-in rounds the overlap to the nearest quarter hour (up to +7 minutes, core/signin/hours.ts), so
 * anything within 15 minutes is rounding, not a claim.
 */
export const HOURS_TOLERANCE_MINUTES = 15

/**
 * OVERLAPPING_SIGNINS: two sessions of one person at different activities may overlap by this much
 * (walking between neighbouring stations, phone clocks, a late 签退) before a flag.
 */
export const OVERLAP_TOLERANCE_MINUTES = 5

/**
 * SHARED_CODE_BURST: this many different accounts signing in with one rotating-code view (one activity,
 * one 30-second step) from one client IP within BURST_WINDOW_SECONDS raise a flag. A code is accepted
 * for at most 90 s, and people who scan the manager's phone one after another take several seconds
 * each; five phones in 30 s behind one address looks like one person holding several accounts (or a
 * photo of the code passed around). Shared Wi-Fi at a station can do the same: that is why it is a flag
 * for a manager, not a refusal.
 */
export const BURST_THRESHOLD = 5
export const BURST_WINDOW_SECONDS = 30

export const FLAG_KIND_NAMES: Record<FlagKind, string> = {
  HOURS_OVER_ACTIVITY: '时长超过活动时间',
  OVERLAPPING_SIGNINS: '同一时间在两处签到',
  SHARED_CODE_BURST: '同一签到码集中签到',
  SELF_UNIT_POINTS: '专管员本单位积分记给本人',
}

const KIND_PREFIX: Record<FlagKind, string> = {
  HOURS_OVER_ACTIVITY: 'hrs',
  OVERLAPPING_SIGNINS: 'ovl',
  SHARED_CODE_BURST: 'bst',
  SELF_UNIT_POINTS: 'slf',
}

/** cyrb53: a fast 53-bit string hash (public domain), seeded; two seeds give 106 bits. */
function cyrb53(text: string, seed: number): string {
  let h1 = 0xdeadbeef ^ seed
  let h2 = 0x41c6ce57 ^ seed
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0')
}

/**
 * The flag's `_id`, a function of its kind and subject only: a re-scan, a retried timer or two timers at
 * once compute the same `_id`, and the insert of the second finds the first.
 */
export function flagId(kind: FlagKind, subject: string): string {
  return `${KIND_PREFIX[kind]}_${cyrb53(subject, 1)}${cyrb53(subject, 2)}`
}

export const subjects = {
  /** a record at one revision: a later correction is a new claim */
  hours: (recordId: string, revision: number) => `${recordId}@r${revision}`,
  /** a pair of records, in a fixed order whichever of them the scan meets first */
  overlap: (a: string, b: string) => (a < b ? `${a}~${b}` : `${b}~${a}`),
  burst: (activityId: string, codeStep: number, clientIp: string) => `${activityId}@${codeStep}@${clientIp}`,
  selfUnit: (lineId: string) => lineId,
}

const MINUTE = 60_000

/** The activity's scheduled span in whole minutes. */
export function spanMinutes(r: Pick<EvidenceRecord, 'activityStart' | 'activityEnd'>): number {
  return Math.max(0, Math.floor((r.activityEnd - r.activityStart) / MINUTE))
}

/** HOURS_OVER_ACTIVITY: the minutes over span + tolerance, or null when within it. */
export function hoursOver(
  r: Pick<EvidenceRecord, 'activityStart' | 'activityEnd' | 'minutes'>,
): number | null {
  if (r.minutes === null) return null
  const over = r.minutes - spanMinutes(r)
  return over > HOURS_TOLERANCE_MINUTES ? over : null
}

/**
 * The time a record claims service: from the sign-in to the sign-out (an open session: to the
 * activity's end, where it is auto-closed), cut to the activity's span for an activity's record (only
 * that part is credited, core/signin/hours.ts); an order's record (`isOrder`) is its own span.
 */
export function serviceInterval(
  r: Pick<EvidenceRecord, 'activityStart' | 'activityEnd' | 'signInAt' | 'signOutAt'>,
  isOrder: boolean,
): { from: number; to: number } {
  const out = r.signOutAt ?? r.activityEnd
  if (isOrder) return { from: r.signInAt, to: out }
  return { from: Math.max(r.signInAt, r.activityStart), to: Math.min(out, r.activityEnd) }
}

/** OVERLAPPING_SIGNINS: the overlap of two intervals beyond the tolerance, or null. */
export function overlapOf(
  a: { from: number; to: number },
  b: { from: number; to: number },
): { from: number; to: number; minutes: number } | null {
  const from = Math.max(a.from, b.from)
  const to = Math.min(a.to, b.to)
  const minutes = Math.floor((to - from) / MINUTE)
  return minutes > OVERLAP_TOLERANCE_MINUTES ? { from, to, minutes } : null
}

/**
 * SHARED_CODE_BURST: given the sign-ins of one activity with one code step from one IP, the most
 * distinct accounts inside any BURST_WINDOW_SECONDS window — a flag when ≥ BURST_THRESHOLD.
 */
export function burstAccounts(signIns: Array<{ openid: string; signInAt: number }>): number {
  const sorted = [...signIns].sort((x, y) => x.signInAt - y.signInAt)
  let best = 0
  for (let i = 0; i < sorted.length; i++) {
    const people = new Set<string>()
    for (
      let j = i;
      j < sorted.length && sorted[j]!.signInAt - sorted[i]!.signInAt <= BURST_WINDOW_SECONDS * 1000;
      j++
    )
      people.add(sorted[j]!.openid)
    best = Math.max(best, people.size)
  }
  return best
}

/** SELF_UNIT_POINTS: the units on the line's path the person manages (empty: no flag). */
export function selfUnitGrants(
  line: { kind: string; points: number; unitPath: string[] },
  grants: ReadonlyArray<{ role: string; unitId: string }>,
): string[] {
  if (line.points <= 0 || (line.kind !== 'service' && line.kind !== 'award')) return []
  const path = new Set(line.unitPath)
  return [...new Set(grants.filter((g) => g.role === 'manager' && path.has(g.unitId)).map((g) => g.unitId))]
}
