import { Page } from '@/components/page'
import { MyLinks } from '@/features/activities/components/my-links'
import { ElderModeSwitch } from '@/features/elder-mode/elder-mode-switch'

/** 我的: the 长辈模式 switch (it must be here as well as on the home page), 我的活动, and managers' pages. */
export default function MyPage() {
  return (
    <Page title="我的">
      <ElderModeSwitch />
      <MyLinks />
    </Page>
  )
}
