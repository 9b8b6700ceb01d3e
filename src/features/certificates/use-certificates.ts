import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'

/** The certificates items the manager sees; loaded again when the page is shown again. */
export function useCertificatesList() {
  return useQuery('certificates:list', () => api.certificates.list(), { refreshOnShow: true })
}
