/**
 * What the subscribe prompt answered for our template: accept / reject / ban (the template is banned) /
 * filter (WeChat filtered it, e.g. the template title repeats another) / off (fail 20004: the user
 * switched subscribe messages off) / failed (anything else, e.g. not a tap).
 */
export type SubscribeOutcome = 'accept' | 'reject' | 'ban' | 'filter' | 'off' | 'failed'

/** wx.requestSubscribeMessage's per-template answer, as an outcome. */
export function outcomeOf(answer: unknown): SubscribeOutcome {
  return answer === 'accept' || answer === 'reject' || answer === 'ban' || answer === 'filter'
    ? answer
    : 'failed'
}

/** The fail code that means the user turned subscribe messages off for this mini-program. */
export const SUBSCRIPTIONS_OFF = 20004
