import { PEOPLE_ERRORS, type PeopleErrorCode } from '../../../core/contract/people'
import { AppError } from '../../../core/errors'

export function peopleError(code: PeopleErrorCode, message?: string): AppError {
  return new AppError(code, message ?? PEOPLE_ERRORS[code])
}
