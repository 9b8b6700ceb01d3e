import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { UNIT_LEVEL_NAMES } from '@core/domain'
import { Button } from '@/components/button'
import { Card, Field, Note } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { TextField } from '@/components/form-fields'
import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { ROLE_NAMES, when } from '@/features/network/labels'
import { api } from '@/lib/api'
import { useMutation } from '@/lib/use-mutation'
import { useQuery } from '@/lib/use-query'

const STATE_TEXT = {
  accepted: '这个邀请已被使用过。每个邀请只能用一次，请联系邀请人重新邀请。',
  expired: '邀请已过期（有效期 7 天），请联系邀请人重新邀请。',
  cancelled: '邀请已被撤回，请联系邀请人。',
} as const

/** 接受邀请: where an invitation's code (scene i=…) or link opens; shows what is offered, then accepts. */
export default function AcceptPage() {
  const { params } = useRouter()
  const scene = params.scene ?? ''
  const offered = useQuery(`network:invitation:${scene}`, () => api.network.invitation({ scene }))
  const [name, setName] = useState('')
  const [accepted, accept] = useMutation(() => api.network.accept({ scene, name: name.trim() }))
  return (
    <Page title="接受邀请">
      <QueryView query={offered} loadingText="正在读取邀请…">
        {({ invitation }) => (
          <>
            <Card label="邀请内容">
              <Field name="单位">{invitation.unitName}</Field>
              <Field name="级别">{UNIT_LEVEL_NAMES[invitation.unitLevel]}</Field>
              <Field name="角色">
                {ROLE_NAMES[invitation.role]}（管理本单位及下级单位的活动、二维码和人员）
              </Field>
              <Field name="邀请人">{invitation.invitedBy}</Field>
              <Field name="有效期至">{when(invitation.expiresAt)}</Field>
            </Card>
            {accepted.status === 'success' ? (
              <>
                <Note>
                  {accepted.data.already ? '您已接受过这个邀请，' : '已接受，'}您现在是「
                  {accepted.data.unitName}」的
                  {ROLE_NAMES[accepted.data.grant.role]}。
                </Note>
                <Button
                  variant="primary"
                  block
                  onClick={() => void Taro.navigateTo({ url: '/mine/pages/my/index' }).catch(() => undefined)}
                >
                  去「我的」开始管理
                </Button>
              </>
            ) : invitation.state === 'pending' ? (
              <>
                <TextField
                  id="accept-name"
                  label="您的姓名（其他专管员会看到）"
                  value={name}
                  onChange={setName}
                />
                {accepted.status === 'error' && <ErrorNotice message={accepted.error.message} />}
                <Button
                  variant="primary"
                  block
                  onClick={() => void accept()}
                  disabled={accepted.status === 'pending'}
                >
                  {accepted.status === 'pending' ? '正在确认…' : `接受，成为${ROLE_NAMES[invitation.role]}`}
                </Button>
              </>
            ) : (
              <ErrorNotice message={STATE_TEXT[invitation.state]} />
            )}
          </>
        )}
      </QueryView>
    </Page>
  )
}
