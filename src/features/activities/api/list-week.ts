import type { InputOf } from '@core/contract'
import { callCloud } from '@/lib/cloud'

export function listWeek(input: InputOf<'activities', 'listWeek'>) {
  return callCloud('activities', 'listWeek', input)
}
