import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'

/** The integrity items the manager sees; loaded again when the page is shown again. */
export function useIntegrityList() {
  return useQuery('integrity:list', () => api.integrity.list(), { refreshOnShow: true })
}
