import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'

/** The plans items the manager sees; loaded again when the page is shown again. */
export function usePlansList() {
  return useQuery('plans:get', () => api.plans.get(), { refreshOnShow: true })
}
