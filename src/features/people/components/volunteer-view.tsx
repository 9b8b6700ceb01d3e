import { View } from '@tarojs/components'
import { useState } from 'react'
import type { MyVolunteer, StationSummary } from '@core/contract'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Card, Field, Note } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { api } from '@/lib/api'
import { useMutation } from '@/lib/use-mutation'
import { openTeams } from '../navigate'
import { VolunteerForm } from './volunteer-form'

export interface VolunteerViewProps {
  mine: MyVolunteer
  stations: StationSummary[]
  homeUnitId: string | null
  /** load again after a change (the profile, and 我的's entries) */
  onChange: () => void
}

/** 我的志愿者信息: the profile (phone in full: it is the person's own), 修改, 退出; or the form. */
export function VolunteerView({ mine, stations, homeUnitId, onChange }: VolunteerViewProps) {
  const [editing, setEditing] = useState(false)
  const [confirmLeave, setConfirmLeave] = useState(false)
  const [done, setDone] = useState<string>()
  const [leaving, runLeave] = useMutation(() => api.people.leave())
  // the answer of the last save or leave is shown at once (a reload would unmount this view and its note)
  const [current, setCurrent] = useState(mine.profile)
  const profile = current?.status === 'active' ? current : null

  if (!profile || editing) {
    return (
      <>
        {!profile && current?.status === 'left' && (
          <Note>您曾是志愿者（编号 {current.number}），重新注册后沿用原编号。</Note>
        )}
        <VolunteerForm
          mine={{ ...mine, profile: current }}
          stations={stations}
          homeUnitId={homeUnitId}
          onSaved={(saved) => {
            setEditing(false)
            setCurrent(saved)
            setDone(profile ? '已保存修改。' : `注册成功！您的志愿者编号是 ${saved.number}。`)
            onChange()
          }}
        />
        {editing && (
          <Button block onClick={() => setEditing(false)}>
            不改了，返回
          </Button>
        )}
      </>
    )
  }

  return (
    <>
      <View {...a11y({ role: 'status', live: 'polite' })}>{done && <Note>{done}</Note>}</View>
      <Card label="我的志愿者信息">
        <Field name="志愿者编号">{profile.number}</Field>
        <Field name="姓名">{profile.name}</Field>
        <Field name="手机号">{profile.phone}</Field>
        <Field name="所在站点">{profile.homeUnitName}</Field>
        <Field name="专长">{profile.specialities.join('、')}</Field>
        <Field name="身份证号">{profile.idNumberMasked ?? '未填写'}</Field>
      </Card>
      <Button variant="primary" block onClick={() => openTeams(profile.homeUnitId)}>
        志愿服务队（申请入队）
      </Button>
      <Button block onClick={() => setEditing(true)}>
        修改信息
      </Button>
      {leaving.status === 'error' && <ErrorNotice message={leaving.error.message} />}
      {confirmLeave ? (
        <>
          <Note>确定退出志愿者吗？将同时退出所有服务队，并让出已报名的志愿者岗位。</Note>
          <Button
            variant="primary"
            block
            disabled={leaving.status === 'pending'}
            onClick={async () => {
              if (await runLeave()) {
                setConfirmLeave(false)
                setCurrent({ ...profile, status: 'left' })
                setDone('已退出志愿者。')
                onChange()
              }
            }}
          >
            确定退出
          </Button>
          <Button block onClick={() => setConfirmLeave(false)}>
            不退出
          </Button>
        </>
      ) : (
        <Button block onClick={() => setConfirmLeave(true)}>
          退出志愿者
        </Button>
      )}
    </>
  )
}
