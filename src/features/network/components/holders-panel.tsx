import { View } from '@tarojs/components'
import { useState } from 'react'
import { Button } from '@/components/button'
import { Note } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { Heading } from '@/components/heading'
import { QueryView } from '@/components/query-view'
import { api } from '@/lib/api'
import { useMutation } from '@/lib/use-mutation'
import { useQuery } from '@/lib/use-query'
import { ROLE_NAMES, when } from '../labels'

/** 人员与权限: who holds which role on the unit and its children; revoke; invitations still open. */
export function HoldersPanel({ unitId }: { unitId: string }) {
  const [round, setRound] = useState(0)
  const holders = useQuery(`network:holders:${unitId}:${round}`, () => api.network.holders({ unitId }))
  const [revoking, revoke] = useMutation(
    (h: { openid: string; role: 'manager' | 'volunteer'; unitId: string }) => api.network.revoke(h),
  )
  const [cancelling, cancel] = useMutation((id: string) => api.network.cancelInvitation({ id }))
  const after = async (p: Promise<unknown>) => {
    if ((await p) !== undefined) setRound((r) => r + 1)
  }
  return (
    <View className="holders">
      <Heading>人员与权限</Heading>
      {revoking.status === 'error' && <ErrorNotice message={revoking.error.message} />}
      {cancelling.status === 'error' && <ErrorNotice message={cancelling.error.message} />}
      <QueryView query={holders} loadingText="正在查询人员…">
        {(data) => (
          <>
            {data.holders.length === 0 && <Note>本单位及直属下级还没有专管员。</Note>}
            {data.holders.map((h) => (
              <View key={`${h.openid}:${h.role}:${h.unitId}`} className="holders__row">
                <Note>
                  {h.name}（{h.isMe ? '我' : ROLE_NAMES[h.role]}）· {h.unitName}
                </Note>
                {!h.isMe && (
                  <Button
                    variant="quiet"
                    label={`撤销${h.name}在${h.unitName}的${ROLE_NAMES[h.role]}权限`}
                    onClick={() => after(revoke({ openid: h.openid, role: h.role, unitId: h.unitId }))}
                  >
                    撤销权限
                  </Button>
                )}
              </View>
            ))}
            {data.invitations.length > 0 && <Heading level={3}>未接受的邀请</Heading>}
            {data.invitations.map((inv) => (
              <View key={inv._id} className="holders__row">
                <Note>
                  {inv.unitName} 的{ROLE_NAMES[inv.role]}邀请，{when(inv.expiresAt)} 前有效（邀请人{' '}
                  {inv.invitedBy}）
                </Note>
                <Button
                  variant="quiet"
                  label={`撤回${inv.unitName}的邀请`}
                  onClick={() => after(cancel(inv._id))}
                >
                  撤回邀请
                </Button>
              </View>
            ))}
          </>
        )}
      </QueryView>
    </View>
  )
}
