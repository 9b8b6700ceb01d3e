import { api } from './api'
import { useQuery } from './use-query'

/** Who I am (roles as grants on units): pages use it to offer volunteers' and managers' entries. */
export function useMe() {
  return useQuery('users:me', () => api.users.me())
}
