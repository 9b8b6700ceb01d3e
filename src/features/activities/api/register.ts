import { callCloud } from '@/lib/cloud'

/** `accepted`: template ids the person accepted in the same tap (one credit each). */
export function register(id: string, accepted: string[] = []) {
  return callCloud('activities', 'register', { id, accepted })
}
