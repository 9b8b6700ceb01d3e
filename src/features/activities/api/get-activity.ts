import { callCloud } from '@/lib/cloud'

export function getActivity(id: string) {
  return callCloud('activities', 'get', { id })
}
