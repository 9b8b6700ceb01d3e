import type { MySubscription } from '@core/contract'
import type { SubscribeOutcome } from '@/lib/subscribe-outcome'
import { outcomeOf } from '@/lib/subscribe-outcome'
import { buttonView, createSubscribeStore, type SubscribeDeps } from './subscribe-state'

const base: MySubscription = {
  centerId: 'u-qh-center',
  centerName: '青禾县新时代文明实践中心',
  templateId: 'TPL',
  templateKind: 'oneTime',
  stationId: null,
  stationName: null,
  credits: 0,
  subscribed: false,
  lastSentMonth: null,
  next: { month: '2026-11', date: '2026-11-15', theme: '邻里守望', fireAt: 0 },
  remindMonth: '2026-11',
}

function fakeDeps(outcome: SubscribeOutcome) {
  const calls: string[] = []
  let credits = 0
  const deps: SubscribeDeps = {
    mySubscription: async () => ({ ...base, credits, subscribed: credits > 0 }),
    recordSubscription: async ({ stationId }) => {
      calls.push(`record:${stationId ?? '-'}`)
      credits++
      return {
        ...base,
        credits,
        subscribed: true,
        stationId: stationId ?? null,
        stationName: stationId ? '幸福里站' : null,
      }
    },
    requestSubscribe: (templateId) => {
      calls.push(`prompt:${templateId}`)
      return Promise.resolve(outcome)
    },
  }
  return { deps, calls }
}

describe('the subscribe store', () => {
  it('asks WeChat inside the tap, before anything is awaited, then records the credit', async () => {
    const { deps, calls } = fakeDeps('accept')
    const store = createSubscribeStore(deps)
    await store.getState().load()
    const tap = store.getState().subscribe('u-qh-s01')
    // synchronously, within the tap: the prompt was already requested
    expect(calls).toEqual(['prompt:TPL'])
    expect(store.getState().busy).toBe(true)
    await tap
    expect(calls).toEqual(['prompt:TPL', 'record:u-qh-s01'])
    expect(store.getState().subscription?.subscribed).toBe(true)
    expect(store.getState().note?.kind).toBe('done')
  })

  it('records nothing when the reader declines, and says how to subscribe later', async () => {
    const { deps, calls } = fakeDeps('reject')
    const store = createSubscribeStore(deps)
    await store.getState().load()
    await store.getState().subscribe()
    expect(calls).toEqual(['prompt:TPL'])
    expect(store.getState().subscription?.subscribed).toBe(false)
    expect(store.getState().note).toMatchObject({ kind: 'declined' })
  })

  it('explains subscriptions switched off in WeChat', async () => {
    const { deps } = fakeDeps('off')
    const store = createSubscribeStore(deps)
    await store.getState().load()
    await store.getState().subscribe()
    expect(store.getState().note?.text).toMatch(/订阅消息/)
  })

  it('shows a load failure in words', async () => {
    const store = createSubscribeStore({
      ...fakeDeps('accept').deps,
      mySubscription: () => Promise.reject(new Error('网络不太好，请检查网络后再试')),
    })
    await store.getState().load()
    expect(store.getState()).toMatchObject({ status: 'error', errorText: '网络不太好，请检查网络后再试' })
  })
})

describe('buttonView', () => {
  it('invites a first subscription', () => {
    expect(buttonView(base)).toMatchObject({ subscribed: false, text: '点此订阅文明实践日提醒' })
    expect(buttonView(base).dayLine).toBe('下次文明实践日：11月15日 星期日，主题「邻里守望」')
  })

  it('names the coming practice day’s own month while a credit is held, never "下月" for this month’s', () => {
    // the coming practice day is this month's (11-15): not "下月"
    const view = buttonView({ ...base, credits: 1, subscribed: true })
    expect(view).toMatchObject({ subscribed: true, text: '已订阅11月文明实践日提醒' })
    expect(view.text).not.toMatch(/下月/)
    const nextMonth = { ...base, next: { ...base.next, month: '2026-12', date: '2026-12-15' } }
    const held = { ...nextMonth, remindMonth: '2026-12', credits: 1, subscribed: true }
    expect(buttonView(held).text).toBe('已订阅12月文明实践日提醒')
  })

  it('offers the month of the next notice once the credit was spent on a notice', () => {
    const spent = { ...base, lastSentMonth: '2026-10' }
    expect(buttonView(spent)).toMatchObject({ subscribed: false, text: '点此订阅11月文明实践日提醒' })
    // tomorrow is still November's practice day, but its notice went out: a new credit is for December
    const sentForTomorrow = { ...base, lastSentMonth: '2026-11', remindMonth: '2026-12' }
    expect(buttonView(sentForTomorrow).text).toBe('点此订阅12月文明实践日提醒')
  })

  it('names the station whose activities the notice will list', () => {
    expect(buttonView({ ...base, stationName: '幸福里社区新时代文明实践站' }).placeLine).toBe(
      '提醒会写明幸福里社区新时代文明实践站的实践日活动',
    )
  })
})

describe('outcomeOf', () => {
  it('keeps WeChat answers and turns anything else into failed', () => {
    expect(outcomeOf('accept')).toBe('accept')
    expect(outcomeOf('filter')).toBe('filter')
    expect(outcomeOf(undefined)).toBe('failed')
  })
})
