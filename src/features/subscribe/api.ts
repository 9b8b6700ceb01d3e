import { callCloud } from '@/lib/cloud'

export function getMySubscription(input: { stationId?: string }) {
  return callCloud('notices', 'mySubscription', input)
}

export function recordSubscription(input: { templateId: string; stationId?: string }) {
  return callCloud('notices', 'subscribe', input)
}

export function getUpcoming(input: { centerId?: string; stationId?: string }) {
  return callCloud('notices', 'upcoming', input)
}
