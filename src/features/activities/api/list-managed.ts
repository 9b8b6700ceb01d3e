import type { InputOf } from '@core/contract'
import { callCloud } from '@/lib/cloud'

export function listManaged(input: InputOf<'activities', 'managed'>) {
  return callCloud('activities', 'managed', input)
}
