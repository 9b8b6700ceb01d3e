/**
 * Credit rules (志愿+信用): how confirmed service becomes points. Pure and exact — points are integers,
 * and fractional rates are computed with integer arithmetic over a common denominator so that nothing
 * drifts however the hours are split into records.
 *
 * A rule has a scale of tiers: `points` per `hours` hours from `fromHours` cumulative hours on. The
 * default is one tier, 10 points per hour. Weihai's diminishing scale is four tiers (1 per hour to 20 h,
 * 1 per 2 h to 80 h, 1 per 3 h to 200 h, 1 per 4 h beyond). A record worth m minutes for a person who had
 * M minutes credited before gets floor(P(M + m)) − floor(P(M)) base points, P the scale's cumulative
 * curve: the sum over a person's records equals floor(P(total)), whatever the split.
 *
 * Then, in this order: × the service category's coefficient (percent, rounded down); capped per activity;
 * capped per day (what the person's other service that Shanghai day already earned counts against it);
 * plus the good-rating bonus (outside the caps).
 */

export interface ScaleTier {
  /** cumulative hours from which this tier applies (the first tier starts at 0) */
  fromHours: number
  /** `points` per `hours` hours */
  points: number
  hours: number
}

export interface CreditRule {
  /** `${centerId}_v${version}` */
  _id: string
  centerId: string
  version: number
  /** Shanghai date 'YYYY-MM-DD' from which service is counted by this version */
  effectiveFrom: string
  scale: ScaleTier[]
  /** at most this many points for one activity (one record); null: no cap */
  capPerActivity: number | null
  /** at most this many service points per person per Shanghai day; null: no cap */
  capPerDay: number | null
  /** activity category → percent (100 = ×1); categories not listed count 100 */
  categoryPercent: Record<string, number>
  /** points added to a rated order's service when the rating is at least `goodRatingStars` */
  goodRatingBonus: number
  goodRatingStars: number
}

export const DEFAULT_SCALE: ScaleTier[] = [{ fromHours: 0, points: 10, hours: 1 }]
export const WEIHAI_SCALE: ScaleTier[] = [
  { fromHours: 0, points: 1, hours: 1 },
  { fromHours: 20, points: 1, hours: 2 },
  { fromHours: 80, points: 1, hours: 3 },
  { fromHours: 200, points: 1, hours: 4 },
]

/** The rule every center has until its admins save one: 10 points per hour, no caps, no bonus. */
export function defaultRule(centerId: string): CreditRule {
  return {
    _id: `${centerId}_v0`,
    centerId,
    version: 0,
    effectiveFrom: '2000-01-01',
    scale: DEFAULT_SCALE,
    capPerActivity: null,
    capPerDay: null,
    categoryPercent: {},
    goodRatingBonus: 0,
    goodRatingStars: 4,
  }
}

/** The problem with a scale, in Chinese, or null when it is well formed. */
export function scaleProblem(scale: readonly ScaleTier[]): string | null {
  if (scale.length === 0) return '请至少设置一档积分标准'
  if (scale[0]!.fromHours !== 0) return '第一档应从 0 小时开始'
  for (let i = 0; i < scale.length; i++) {
    const t = scale[i]!
    if (!Number.isInteger(t.points) || t.points < 1 || t.points > 100) return '每档积分应为 1 到 100 的整数'
    if (!Number.isInteger(t.hours) || t.hours < 1 || t.hours > 10) return '每档小时数应为 1 到 10 的整数'
    if (!Number.isInteger(t.fromHours) || t.fromHours < 0) return '分档起点应为不小于 0 的整数小时'
    if (i > 0 && t.fromHours <= scale[i - 1]!.fromHours) return '分档起点应逐档增大'
  }
  return null
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b)
}

/** floor(P(minutes)): the scale's cumulative points after `minutes` minutes, rounded down, exactly. */
export function cumulativePoints(scale: readonly ScaleTier[], minutes: number): number {
  // common denominator of every tier's minutes-per-`points`: 60 × hours
  const den = scale.reduce((d, t) => (d * 60 * t.hours) / gcd(d, 60 * t.hours), 1)
  let num = 0
  for (let i = 0; i < scale.length; i++) {
    const t = scale[i]!
    const from = t.fromHours * 60
    const to = i + 1 < scale.length ? scale[i + 1]!.fromHours * 60 : Infinity
    const seg = Math.max(0, Math.min(minutes, to) - from)
    num += seg * t.points * (den / (60 * t.hours))
  }
  return Math.floor(num / den)
}

export interface ServiceInput {
  /** the confirmed minutes of this record */
  minutes: number
  /** minutes credited to the person before this record (for a diminishing scale) */
  priorMinutes: number
  /** the activity's category, when known */
  category: string | null
  /** service points the person already earned on the record's Shanghai day (for the day cap) */
  dayPointsBefore: number
  /** the rating of a rated order's service (1–5), or null */
  ratingStars: number | null
}

export interface ServicePoints {
  base: number
  percent: number
  afterPercent: number
  /** after the activity and day caps */
  capped: number
  bonus: number
  points: number
  /** what a person reads next to the line */
  explanation: string
}

const fmtHours = (minutes: number) => {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return m === 0 ? `${h} 小时` : h === 0 ? `${m} 分钟` : `${h} 小时 ${m} 分钟`
}

/** The good-rating bonus a rated order's service earns under `rule` (0 below its stars, or unrated). */
export function ratingBonus(
  rule: Pick<CreditRule, 'goodRatingBonus' | 'goodRatingStars'>,
  stars: number | null,
): number {
  return stars !== null && stars >= rule.goodRatingStars && rule.goodRatingBonus > 0
    ? rule.goodRatingBonus
    : 0
}

/** The points one confirmed service record is worth under `rule`. */
export function servicePoints(rule: CreditRule, s: ServiceInput): ServicePoints {
  const minutes = Math.max(0, Math.floor(s.minutes))
  const prior = Math.max(0, Math.floor(s.priorMinutes))
  const base = cumulativePoints(rule.scale, prior + minutes) - cumulativePoints(rule.scale, prior)
  const percent = (s.category !== null ? rule.categoryPercent[s.category] : undefined) ?? 100
  const afterPercent = Math.floor((base * percent) / 100)
  let capped = afterPercent
  const notes: string[] = []
  if (rule.capPerActivity !== null && capped > rule.capPerActivity) {
    capped = rule.capPerActivity
    notes.push(`单次活动上限 ${rule.capPerActivity} 分`)
  }
  if (rule.capPerDay !== null) {
    const room = Math.max(0, rule.capPerDay - Math.max(0, s.dayPointsBefore))
    if (capped > room) {
      capped = room
      notes.push(`每日上限 ${rule.capPerDay} 分`)
    }
  }
  const bonus = ratingBonus(rule, s.ratingStars)
  const parts = [`服务 ${fmtHours(minutes)}，折合 ${base} 分`]
  if (percent !== 100) parts.push(`「${s.category}」类按 ${percent}% 计 ${afterPercent} 分`)
  if (notes.length > 0) parts.push(`按${notes.join('、')}计 ${capped} 分`)
  if (bonus > 0) parts.push(`好评加 ${bonus} 分`)
  parts.push(`共 ${capped + bonus} 分（规则第 ${rule.version} 版）`)
  return { base, percent, afterPercent, capped, bonus, points: capped + bonus, explanation: parts.join('；') }
}

/**
 * The version of a center's rules that counts service on `serviceDay` ('YYYY-MM-DD', Shanghai): the one
 * with the latest `effectiveFrom` not after it (a later version on the same date wins); the default
 * rule when there is none.
 */
export function ruleFor(centerId: string, versions: readonly CreditRule[], serviceDay: string): CreditRule {
  let best: CreditRule | null = null
  for (const r of versions) {
    if (r.centerId !== centerId || r.effectiveFrom > serviceDay) continue
    if (
      !best ||
      r.effectiveFrom > best.effectiveFrom ||
      (r.effectiveFrom === best.effectiveFrom && r.version > best.version)
    )
      best = r
  }
  return best ?? defaultRule(centerId)
}
