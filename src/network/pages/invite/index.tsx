import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Button } from '@/components/button'
import { Card, Field, Note } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { Page } from '@/components/page'
import { InviteCode } from '@/features/network/components/invite-code'
import { linkBase } from '@/features/network/link-base'
import { when } from '@/features/network/labels'
import { api } from '@/lib/api'
import { useMutation } from '@/lib/use-mutation'

/**
 * 邀请专管员: a single-use invitation valid 7 days, shown as a mini-program code for the invitee to scan
 * (and, on H5, a link to send). Nothing is granted until the invitee accepts.
 */
export default function InvitePage() {
  const { params } = useRouter()
  const unitId = params.unitId ? decodeURIComponent(params.unitId) : ''
  const [made, invite] = useMutation(() =>
    api.network.invite({ unitId, role: 'manager', linkBase: linkBase() }),
  )
  return (
    <Page title="邀请专管员">
      <Note>
        请被邀请人用微信扫描下面的小程序码，确认后即成为该单位的专管员。每个邀请只能使用一次，7 天内有效。
      </Note>
      {made.status === 'error' && <ErrorNotice message={made.error.message} />}
      {made.status === 'success' ? (
        <Card label="邀请">
          <Field name="单位">{made.data.invitation.unitName}</Field>
          <Field name="角色">专管员</Field>
          <Field name="有效期至">{when(made.data.invitation.expiresAt)}</Field>
          {made.data.imageDataUrl && (
            <InviteCode
              src={made.data.imageDataUrl}
              alt={`邀请成为${made.data.invitation.unitName}专管员的小程序码`}
            />
          )}
          {made.data.link && (
            <View className="invite-link">
              <Field name="邀请链接">{made.data.link}</Field>
            </View>
          )}
        </Card>
      ) : (
        <Button variant="primary" block onClick={() => void invite()} disabled={made.status === 'pending'}>
          {made.status === 'pending' ? '正在生成…' : '生成邀请码'}
        </Button>
      )}
    </Page>
  )
}
