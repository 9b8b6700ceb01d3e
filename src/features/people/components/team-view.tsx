import { View } from '@tarojs/components'
import { useState } from 'react'
import type { TeamPage } from '@core/contract'
import { formatSpan } from '@core/time'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Card, Field, Note } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { Heading } from '@/components/heading'
import { List, ListItem } from '@/components/list-item'
import { api } from '@/lib/api'
import { useMutation } from '@/lib/use-mutation'
import { teamLine } from '../format'
import { openActivityPage, openVolunteer } from '../navigate'

export interface TeamViewProps {
  page: TeamPage
  onChange: () => void
}

/** A team: what it is, its leaders, 申请入队 / 退出, its members (masked as the server decides), upcoming work. */
export function TeamView({ page, onChange }: TeamViewProps) {
  const { team, viewer } = page
  const [done, setDone] = useState<string>()
  const [change, runChange] = useMutation(async (join: boolean): Promise<boolean> => {
    if (join) await api.people.askToJoin({ teamId: team._id })
    else await api.people.leaveTeam({ teamId: team._id })
    return true
  })
  const tap = async (join: boolean) => {
    if (await runChange(join)) {
      setDone(join ? '已提交入队申请，等待队长或专管员审核。' : '已退出这个服务队。')
      onChange()
    }
  }
  return (
    <>
      <Card label="服务队信息">
        <Field name="简介">{teamLine(team)}</Field>
        <Field name="队长">{team.leaders.length ? team.leaders.join('、') : '暂无'}</Field>
      </Card>
      <View {...a11y({ role: 'status', live: 'polite' })}>{done && <Note>{done}</Note>}</View>
      {change.status === 'error' && <ErrorNotice message={change.error.message} />}
      {viewer.member ? (
        <>
          <Note>您是这个服务队的队员{viewer.leader ? '（队长）' : ''}。</Note>
          {!viewer.leader && (
            <Button block disabled={change.status === 'pending'} onClick={() => tap(false)}>
              退出服务队
            </Button>
          )}
        </>
      ) : viewer.requestStatus === 'pending' ? (
        <Note>您的入队申请正在等待审核。</Note>
      ) : viewer.volunteer ? (
        <Button variant="primary" block disabled={change.status === 'pending'} onClick={() => tap(true)}>
          {viewer.requestStatus === 'rejected' ? '再次申请入队' : '申请入队'}
        </Button>
      ) : (
        <Button block onClick={openVolunteer}>
          成为志愿者后可申请入队
        </Button>
      )}
      <Heading>近期服务</Heading>
      {page.upcoming.length ? (
        <List label={`${page.upcoming.length} 个需要志愿者的活动`}>
          {page.upcoming.map((w) => (
            <ListItem
              key={w.activityId}
              title={w.title}
              lines={[formatSpan(w.start, w.end), `${w.unitName} · 需要 ${w.volunteerSlots} 名志愿者`]}
              onOpen={() => openActivityPage(w.activityId)}
            />
          ))}
        </List>
      ) : (
        <Note>近期没有需要志愿者的活动。</Note>
      )}
      <Heading>队员（{team.memberCount} 名）</Heading>
      <View {...a11y({ role: 'list', label: `队员 ${page.members.length} 名` })}>
        {page.members.map((m) => (
          <View key={m.volunteerNumber} className="field" {...a11y({ role: 'listitem' })}>
            <View className="field__name">
              {m.name}
              {m.leader ? '（队长）' : ''}
            </View>
            <View className="field__value">
              {m.phone} · 编号 {m.volunteerNumber}
            </View>
          </View>
        ))}
      </View>
      {page.nextCursor && <Note>只显示前 {page.members.length} 名队员。</Note>}
    </>
  )
}
