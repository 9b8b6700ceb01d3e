import { useQuery } from '@/lib/use-query'
import { getMyHours } from './api/get-my-hours'

export function useMyHours() {
  return useQuery('signin:myHours', () => getMyHours())
}
