/**
 * WeChat: wx.requestSubscribeMessage. It works only inside a tap handler (platform-facts "Subscribe
 * messages"), so the store calls this first thing in the tap, before any await.
 */
import Taro from '@tarojs/taro'
import { outcomeOf, SUBSCRIPTIONS_OFF, type SubscribeOutcome } from './subscribe-outcome'

export type { SubscribeOutcome } from './subscribe-outcome'

export function requestSubscribe(templateId: string): Promise<SubscribeOutcome> {
  return new Promise((resolve) => {
    Taro.requestSubscribeMessage({
      tmplIds: [templateId],
      // Taro's typings require the Alipay field too; WeChat ignores it
      entityIds: [],
      success: (res) => resolve(outcomeOf((res as Record<string, unknown>)[templateId])),
      fail: (err) => resolve(err.errCode === SUBSCRIPTIONS_OFF ? 'off' : 'failed'),
    }).catch(() => undefined)
  })
}
