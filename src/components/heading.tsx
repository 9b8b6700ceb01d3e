import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { a11y } from './a11y'
import './content.css'

export function Heading({ level = 2, children }: { level?: 2 | 3; children: ReactNode }) {
  return (
    <View className={`heading heading--${level}`} {...a11y({ role: 'heading', level })}>
      {children}
    </View>
  )
}
