import type { InputOf } from '@core/contract'
import { callCloud } from '@/lib/cloud'

export function getRotatingCode(input: InputOf<'signin', 'rotatingCode'>) {
  return callCloud('signin', 'rotatingCode', input)
}
