import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'

/** 我的证书: the caller's certificates (fresh each time the page shows: a revoke shows at once). */
export function useMyCertificates() {
  return useQuery('certificates:mine', () => api.certificates.mine({}), {
    refreshOnShow: true,
    keepData: true,
  })
}

/** The certificates issued by the units the caller manages. */
export function useIssuedCertificates() {
  return useQuery('certificates:list', () => api.certificates.list({ limit: 50 }), {
    refreshOnShow: true,
    keepData: true,
  })
}

/** The public check of one number. */
export function useVerify(number: string) {
  return useQuery(number ? `certificates:verify:${number}` : null, () => api.certificates.verify({ number }))
}
