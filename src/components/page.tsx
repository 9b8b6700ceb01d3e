import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useEffect, type ReactNode } from 'react'
import { a11y } from './a11y'
import { DevIdentityBar } from './dev-identity-bar'
import { useElderModeContext } from './elder-context'
import './page.css'

export interface PageProps {
  /** the page's heading, navigation bar title and (H5) document title */
  title: string
  children: ReactNode
}

/** Every page's frame: elder-mode sizing, the title, and on H5 the demo identity bar. */
export function Page({ title, children }: PageProps) {
  const { enabled } = useElderModeContext()

  useEffect(() => {
    // H5 sets document.title from this (a page needs a title: WCAG 2.4.2).
    Taro.setNavigationBarTitle({ title }).catch(() => undefined)
  }, [title])

  return (
    <View className={enabled ? 'page page--elder' : 'page'}>
      <DevIdentityBar />
      <View className="page__title" {...a11y({ role: 'heading', level: 1 })}>
        {title}
      </View>
      <View className="page__main" {...a11y({ role: 'main' })}>
        {children}
      </View>
    </View>
  )
}
