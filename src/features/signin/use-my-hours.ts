import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'

export function useMyHours() {
  return useQuery('signin:myHours', () => api.signin.myHours())
}
