import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { a11y } from './a11y'
import { Button } from './button'
import './content.css'

/** A list screen readers announce with its length; holds ListItems. */
export function List({ children, label }: { children: ReactNode; label: string }) {
  return (
    <View className="list" {...a11y({ role: 'list', label })}>
      {children}
    </View>
  )
}

export interface ListItemProps {
  title: string
  /** lines under the title, each written out (distance, address, …) */
  lines?: string[]
  onOpen: () => void
}

/** A whole-row tap target that opens something. */
export function ListItem({ title, lines = [], onOpen }: ListItemProps) {
  return (
    <View {...a11y({ role: 'listitem' })}>
      <Button className="list-item" variant="quiet" block onClick={onOpen}>
        <View className="list-item__title">{title}</View>
        {lines.map((line) => (
          <View key={line} className="list-item__line">
            {line}
          </View>
        ))}
      </Button>
    </View>
  )
}
