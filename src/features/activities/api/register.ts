import { callCloud } from '@/lib/cloud'

export function register(id: string) {
  return callCloud('activities', 'register', { id })
}
