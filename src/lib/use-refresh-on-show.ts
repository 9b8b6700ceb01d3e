import { useDidShow } from '@tarojs/taro'
import { useRef } from 'react'

/**
 * Refreshes when the page is shown again (back from an activity after registering, or from the edit
 * form), not on its first show, which already loads.
 */
export function useRefreshOnShow(refresh: () => void): void {
  const first = useRef(true)
  useDidShow(() => {
    if (first.current) {
      first.current = false
      return
    }
    refresh()
  })
}
