import { callCloud } from '@/lib/cloud'

export function getMyHours(cursor?: string) {
  return callCloud('signin', 'myHours', cursor ? { cursor } : {})
}
