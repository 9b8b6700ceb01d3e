/**
 * WeChat privacy authorisation (platform-facts "Package size, privacy, location"): when a privacy API such as
 * getLocation needs the reader's consent, WeChat holds the call and asks us; we show PrivacyConsent and answer.
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
  ask: (resolve: Resolve) => void
  answer: (agree: boolean) => void
}

export const usePrivacy = create<PrivacyState>()((set, get) => ({
  waiting: [],
  ask: (resolve) => {
    resolve({ event: 'exposureAuthorization' })
    set({ waiting: [...get().waiting, resolve] })
  },
  answer: (agree) => {
    const option: ResolveOption = agree
      ? { event: 'agree', buttonId: AGREE_BUTTON_ID }
      : { event: 'disagree' }
    get().waiting.forEach((resolve) => resolve(option))
    set({ waiting: [] })
  },
}))

/** weapp only, once at launch. */
export function watchPrivacyAuthorization(): void {
  Taro.onNeedPrivacyAuthorization((resolve) => usePrivacy.getState().ask(resolve))
}
