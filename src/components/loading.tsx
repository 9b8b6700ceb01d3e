import { View } from '@tarojs/components'
import { a11y } from './a11y'
import './content.css'

/** What every data load shows while it waits; screen readers hear it once (role=status). */
export function Loading({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className="note" {...a11y({ role: 'status', live: 'polite' })}>
      {text}
    </View>
  )
}
