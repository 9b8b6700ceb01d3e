import { useRouter } from '@tarojs/taro'
import { Note } from '@/components/card'
import { Page } from '@/components/page'
import { RegistrantsSheet } from '@/features/activities/components/manager/registrants-sheet'

/** 报名名单（签到表） of one activity, `?id=`. */
export default function RegistrantsPage() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : undefined
  return <Page title="报名名单">{id ? <RegistrantsSheet id={id} /> : <Note>没有指定活动。</Note>}</Page>
}
