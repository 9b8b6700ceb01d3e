import { View } from '@tarojs/components'
import type { PostersItem } from '@core/contract'
import { Card } from '@/components/card'

/** The posters items, one card each. */
export function PostersList({ items }: { items: PostersItem[] }) {
  if (items.length === 0) return <View className="field">还没有内容</View>
  return (
    <>
      {items.map((item) => (
        <Card key={item._id} label={item.title}>
          <View className="field">{item.title}</View>
        </Card>
      ))}
    </>
  )
}
