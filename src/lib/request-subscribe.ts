/**
 * Asks WeChat for permission to send the practice-day notice (wx.requestSubscribeMessage). Taro picks
 * request-subscribe.weapp.ts or .h5.ts by target; this file serves type checking and other targets.
 */
import type { SubscribeOutcome } from './subscribe-outcome'

export type { SubscribeOutcome } from './subscribe-outcome'

export function requestSubscribe(templateId: string): Promise<SubscribeOutcome> {
  void templateId
  return Promise.resolve('failed')
}
