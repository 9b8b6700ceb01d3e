import { Button } from '@/components/button'
import { Heading } from '@/components/heading'
import { Page } from '@/components/page'
import { openManagedActivities, openMyActivities } from '@/features/activities/navigation'
import { openMyCredit, openShopManager } from '@/features/credit/navigate'
import { openCertificatesManager, openMyCertificates } from '@/features/certificates/navigate'
import { ElderModeSwitch } from '@/features/elder-mode/elder-mode-switch'
import { InboxEntry } from '@/features/inbox/components/inbox-entry'
import { VolunteerEntries } from '@/features/people/components/volunteer-entries'
import { openIntegrity } from '@/features/integrity/navigate'
import { openUnits } from '@/features/network/navigate'
import { OrderEntries } from '@/features/orders/components/my-entries'
import {
  openAttendancePicker,
  openMyHours,
  openSigninCodePicker,
  openStationCodes,
} from '@/features/signin/navigate'
import { openStats } from '@/features/stats/navigate'
import { hasCockpit, openCockpit, openPosters } from '@/features/posters/navigate'
import { openPlan } from '@/features/plans/navigate'
import { openNoticesManager } from '@/features/subscribe/navigate'
import { useMe } from '@/lib/use-me'

/**
 * 我的: the 长辈模式 switch (it must be here as well as on the home page), 我的活动, 我的消息, and — once the
 * account says so — volunteers' hours and the managers' pages (专管员).
 */
export default function MyPage() {
  const me = useMe()
  const account = me.status === 'success' ? me.data : null
  const volunteers = account?.grants.some((g) => g.role === 'volunteer') ?? false
  const manages = (account?.managedUnitIds.length ?? 0) > 0
  return (
    <Page title="我的">
      <ElderModeSwitch />
      <Button variant="primary" block onClick={openMyActivities}>
        我的活动（我报名的）
      </Button>
      <InboxEntry />
      <VolunteerEntries manager={manages} />
      <OrderEntries volunteer={volunteers} manager={manages} />
      {volunteers && (
        <Button block onClick={openMyHours}>
          我的志愿时长
        </Button>
      )}
      <Button block onClick={openMyCredit}>
        我的积分 · 爱心超市
      </Button>
      <Button block onClick={openMyCertificates}>
        我的证书（志愿服务记录证明）
      </Button>
      {manages && (
        <>
          <Heading>站点管理</Heading>
          <Button block onClick={openManagedActivities}>
            管理活动（发布、编辑、取消）
          </Button>
          <Button block onClick={openStats}>
            统计（场次、人次、服务时长，导出表格）
          </Button>
          <Button block onClick={openPosters}>
            每周活动预告海报（生成、保存、发到微信群）
          </Button>
          {hasCockpit() && (
            <Button block onClick={openCockpit}>
              数据驾驶舱（大屏）
            </Button>
          )}
          <Button block onClick={openSigninCodePicker}>
            志愿者签到码（活动现场出示）
          </Button>
          <Button block onClick={openAttendancePicker}>
            现场签到情况
          </Button>
          <Button block onClick={openStationCodes}>
            站点二维码（生成、下载打印）
          </Button>
          <Button block onClick={openNoticesManager}>
            实践日提醒（设置、发送情况、临时通知）
          </Button>
          <Button block onClick={openPlan}>
            年度计划（每月主题、重要日期、完成情况）
          </Button>
          <Button block onClick={openShopManager}>
            爱心超市管理（核销取货码、物品）
          </Button>
          <Button block onClick={openCertificatesManager}>
            志愿服务记录证明（出具信息、出具、撤销）
          </Button>
          <Button block onClick={openIntegrity}>
            异常核查（可疑时长、签到、积分）
          </Button>
          <Button block onClick={() => openUnits()}>
            单位与专管员（下级单位、邀请、操作记录）
          </Button>
        </>
      )}
    </Page>
  )
}
