import { getMySubscription, recordSubscription } from './api'
import { requestSubscribe } from './request-subscribe'
import { createSubscribeStore } from './subscribe-state'

export const useSubscribeStore = createSubscribeStore({
  mySubscription: getMySubscription,
  recordSubscription,
  requestSubscribe,
})
