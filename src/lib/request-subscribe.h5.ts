/**
 * H5 (the local cloud): there is no WeChat prompt, so the tap stands for "accept" and the local cloud's
 * stand-in records the credit WeChat would hold (POST /__local/subscribe), as the identity in use.
 */
import { currentDevOpenid } from '@/lib/dev-identity'
import { outcomeOf, type SubscribeOutcome } from './subscribe-outcome'

export type { SubscribeOutcome } from './subscribe-outcome'

export async function requestSubscribe(templateId: string): Promise<SubscribeOutcome> {
  try {
    const response = await fetch('/__local/subscribe', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid: currentDevOpenid(), templateIds: [templateId] }),
    })
    if (!response.ok) return 'failed'
    const body = (await response.json()) as { results?: Record<string, unknown> }
    return outcomeOf(body.results?.[templateId])
  } catch {
    return 'failed'
  }
}
