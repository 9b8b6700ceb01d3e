import { api } from '@/lib/api'
import { requestSubscribe } from '@/lib/request-subscribe'
import { createSubscribeStore } from './subscribe-state'

export const useSubscribeStore = createSubscribeStore({
  mySubscription: (input) => api.notices.mySubscription(input),
  recordSubscription: (input) => api.notices.subscribe(input),
  requestSubscribe,
})
