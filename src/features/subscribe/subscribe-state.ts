/**
 * The practice-day subscription as the button shows it: one store for every page (subscribing on a
 * station page is seen on the home page), its dependencies passed in so it can be tested as plain code.
 */
import { create } from 'zustand'
import type { MySubscription } from '@core/contract'
import { formatDayLong, parseShanghaiDate } from '@core/time'
import type { SubscribeOutcome } from '@/lib/subscribe-outcome'

export interface SubscribeDeps {
  mySubscription(input: { stationId?: string }): Promise<MySubscription>
  recordSubscription(input: { templateId: string; stationId?: string }): Promise<MySubscription>
  /** must start the WeChat prompt synchronously: it only works inside the tap */
  requestSubscribe(templateId: string): Promise<SubscribeOutcome>
}

/** The last tap's result, in words (shown in the page, never as a pop-up). */
export interface TapNote {
  kind: 'done' | 'declined' | 'problem'
  text: string
}

export interface SubscribeState {
  status: 'idle' | 'loading' | 'ready' | 'error'
  subscription: MySubscription | null
  errorText: string | null
  busy: boolean
  note: TapNote | null
  load(stationId?: string): Promise<void>
  /** call straight from the tap handler */
  subscribe(stationId?: string): Promise<void>
}

const OUTCOME_NOTES: Record<Exclude<SubscribeOutcome, 'accept'>, TapNote> = {
  reject: { kind: 'declined', text: '您选择了暂不订阅。想收到提醒时，再点一次按钮并选「允许」。' },
  ban: { kind: 'problem', text: '这条提醒暂时无法订阅，请联系实践站的专管员。' },
  filter: { kind: 'problem', text: '这条提醒暂时无法订阅，请联系实践站的专管员。' },
  off: {
    kind: 'problem',
    text: '您在微信里关闭了本小程序的订阅消息。请点右上角「···」→「设置」→ 打开「订阅消息」，再回来订阅。',
  },
  failed: { kind: 'problem', text: '没能打开订阅提示，请稍后再点一次。' },
}

function messageOf(err: unknown): string {
  return err instanceof Error && err.message ? err.message : '服务暂时不可用，请稍后再试'
}

export function createSubscribeStore(deps: SubscribeDeps) {
  return create<SubscribeState>()((set, get) => ({
    status: 'idle',
    subscription: null,
    errorText: null,
    busy: false,
    note: null,
    async load(stationId) {
      set({ status: get().subscription ? 'ready' : 'loading', errorText: null })
      try {
        const subscription = await deps.mySubscription(stationId ? { stationId } : {})
        set({ status: 'ready', subscription })
      } catch (err) {
        set({ status: get().subscription ? 'ready' : 'error', errorText: messageOf(err) })
      }
    },
    async subscribe(stationId) {
      const current = get().subscription
      if (!current || get().busy) return
      // first thing in the tap: WeChat refuses the prompt once the tap's turn is over
      const asked = deps.requestSubscribe(current.templateId)
      set({ busy: true, note: null })
      try {
        const outcome = await asked
        if (outcome !== 'accept') {
          set({ busy: false, note: OUTCOME_NOTES[outcome] })
          return
        }
        const subscription = await deps.recordSubscription({
          templateId: current.templateId,
          ...(stationId ? { stationId } : {}),
        })
        set({
          busy: false,
          subscription,
          note: { kind: 'done', text: '订阅成功。实践日前一天，微信会给您发一条提醒。' },
        })
      } catch (err) {
        set({ busy: false, note: { kind: 'problem', text: messageOf(err) } })
      }
    },
  }))
}

/** What the button says: the true state of the subscription, never a hopeful one. */
export interface ButtonView {
  /** true: the reader holds a credit; the line is a status, not a button */
  subscribed: boolean
  text: string
  /** the coming practice day, written out */
  dayLine: string
  /** whose activities the notice names */
  placeLine: string | null
}

export function buttonView(s: MySubscription): ButtonView {
  const day = formatDayLong(parseShanghaiDate(s.next.date))
  const theme = s.next.theme ? `，主题「${s.next.theme}」` : ''
  const placeLine = s.stationName ? `提醒会写明${s.stationName}的实践日活动` : null
  // the month named is the practice day whose notice the credit goes to: this month's or the next,
  // as the server says (after tomorrow's notice went out, a new credit is for next month's)
  const month = `${Number(s.remindMonth.slice(5))}月`
  if (s.subscribed) {
    return {
      subscribed: true,
      text: `已订阅${month}文明实践日提醒`,
      dayLine: `下次文明实践日：${day}${theme}`,
      placeLine,
    }
  }
  // a one-time subscription was used up by the last notice: ask again, for the coming one
  const text = s.lastSentMonth ? `点此订阅${month}文明实践日提醒` : '点此订阅文明实践日提醒'
  return { subscribed: false, text, dayLine: `下次文明实践日：${day}${theme}`, placeLine }
}
