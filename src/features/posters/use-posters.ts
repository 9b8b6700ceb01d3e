import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'

/** The posters items the manager sees; loaded again when the page is shown again. */
export function usePostersList() {
  return useQuery('posters:weekly', () => api.posters.weekly(), { refreshOnShow: true })
}
