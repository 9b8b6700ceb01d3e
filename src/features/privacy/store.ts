/**
 * WeChat privacy authorisation (platform-facts "Package size, privacy, location"): when a privacy API such as
 * getLocation needs the reader's consent, WeChat holds the call and asks us; we show PrivacyConsent and answer.
 * A page without a PrivacyConsent cannot show the agree button, so the held call would hang: when none is
 * mounted the call is refused at once instead (it fails like a "no"; `npm run verify:weapp` checks every page
 * that reaches a privacy API renders PrivacyConsent).
 */
import Taro from '@tarojs/taro'
import { create } from 'zustand'

type ResolveOption = Taro.onNeedPrivacyAuthorization.ResolveOption
type Resolve = (option: ResolveOption) => void

/** id of the open-type="agreePrivacyAuthorization" button; WeChat checks it was tapped */
export const AGREE_BUTTON_ID = 'privacy-agree'

interface PrivacyState {
  /** held privacy API calls, each waiting for the answer */
  waiting: Resolve[]
  /** the API that asked first (WeChat's `referrer`), for the card's text */
  referrer: string | undefined
  /** PrivacyConsent cards mounted now */
  mounted: number
  ask: (resolve: Resolve, referrer?: string) => void
  answer: (agree: boolean) => void
  /** PrivacyConsent calls this on mount; the returned function on unmount */
  mount: () => () => void
}

export const usePrivacy = create<PrivacyState>()((set, get) => ({
  waiting: [],
  referrer: undefined,
  mounted: 0,
  ask: (resolve, referrer) => {
    if (get().mounted === 0) {
      resolve({ event: 'disagree' })
      return
    }
    resolve({ event: 'exposureAuthorization' })
    const { waiting } = get()
    set({ waiting: [...waiting, resolve], referrer: waiting.length ? get().referrer : referrer })
  },
  answer: (agree) => {
    const option: ResolveOption = agree
      ? { event: 'agree', buttonId: AGREE_BUTTON_ID }
      : { event: 'disagree' }
    get().waiting.forEach((resolve) => resolve(option))
    set({ waiting: [], referrer: undefined })
  },
  mount: () => {
    set({ mounted: get().mounted + 1 })
    return () => set({ mounted: get().mounted - 1 })
  },
}))

/** weapp only, once at launch. */
export function watchPrivacyAuthorization(): void {
  Taro.onNeedPrivacyAuthorization((resolve, eventInfo) =>
    usePrivacy.getState().ask(resolve, eventInfo?.referrer),
  )
}
