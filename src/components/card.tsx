import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { a11y } from './a11y'
import './content.css'

export function Card({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <View className="card" {...a11y({ role: label ? 'group' : undefined, label })}>
      {children}
    </View>
  )
}

/** A label–value line, e.g. 地址：… ; the label is written, not only implied by layout. */
export function Field({ name, children }: { name: string; children: ReactNode }) {
  return (
    <View className="field">
      <View className="field__name">{name}</View>
      <View className="field__value">{children}</View>
    </View>
  )
}

/** A quiet note in the flow of the page (never a pop-up). */
export function Note({ children }: { children: ReactNode }) {
  return <View className="note">{children}</View>
}
