import type { InputOf } from '@core/contract'
import { callCloud } from '@/lib/cloud'

export function volunteerSignIn(input: InputOf<'signin', 'volunteerSignIn'>) {
  return callCloud('signin', 'volunteerSignIn', input)
}
