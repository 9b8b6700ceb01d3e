import { callCloud } from '@/lib/cloud'

export function withdraw(id: string) {
  return callCloud('activities', 'withdraw', { id })
}
