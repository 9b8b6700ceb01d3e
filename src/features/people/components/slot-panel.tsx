import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { SlotState } from '@core/contract'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Note } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { Heading } from '@/components/heading'
import { api } from '@/lib/api'
import { useMutation } from '@/lib/use-mutation'
import { useQuery } from '@/lib/use-query'

/** 需要 2 名志愿者，已报 1 名 (the panel is in the main package: only what it needs is imported here). */
export const slotsLine = (s: Pick<SlotState, 'taken' | 'volunteerSlots'>): string =>
  `需要 ${s.volunteerSlots} 名志愿者，已报 ${s.taken} 名${s.taken >= s.volunteerSlots ? '，已满' : ''}`

const go = (url: string) => Taro.navigateTo({ url }).catch(() => undefined)

export interface SlotPanelProps {
  activityId: string
  volunteerSlots: number
  /** the activity can still be signed up for (published, not started) */
  open: boolean
  /** the caller manages the activity's unit: a link to who is coming */
  canManage: boolean
}

/** 志愿者岗位 on an activity's page: how many are needed and taken, 报名当志愿者 / 取消. */
export function SlotPanel({ activityId, volunteerSlots, open, canManage }: SlotPanelProps) {
  const query = useQuery(volunteerSlots > 0 ? `people:slotState:${activityId}` : null, () =>
    api.people.slotState({ activityId }),
  )
  const [changed, setChanged] = useState<SlotState>()
  const [done, setDone] = useState<string>()
  const [change, runChange] = useMutation((sign: boolean) =>
    sign ? api.people.signUpSlot({ activityId }) : api.people.cancelSlot({ activityId }),
  )
  if (volunteerSlots <= 0) return null
  const state = changed ?? (query.status === 'success' ? query.data : undefined)

  const tap = async (sign: boolean) => {
    const next = await runChange(sign)
    if (next) {
      setChanged(next)
      setDone(sign ? '已报名岗位，到场后扫码签到。' : '已取消岗位。')
    }
  }

  return (
    <View {...a11y({ role: 'group', label: '志愿者岗位' })}>
      <Heading>志愿者岗位</Heading>
      {state && <Note>{slotsLine(state)}</Note>}
      <View {...a11y({ role: 'status', live: 'polite' })}>{done && <Note>{done}</Note>}</View>
      {change.status === 'error' && <ErrorNotice message={change.error.message} />}
      {state && open && state.volunteer && (
        <Button
          variant={state.mine ? 'secondary' : 'primary'}
          block
          disabled={change.status === 'pending' || (!state.mine && state.taken >= state.volunteerSlots)}
          onClick={() => tap(!state.mine)}
        >
          {state.mine ? '取消志愿者岗位' : '报名当志愿者'}
        </Button>
      )}
      {state && open && !state.volunteer && (
        <Button block onClick={() => go('/mine/pages/volunteer/index')}>
          成为志愿者后可报名
        </Button>
      )}
      {canManage && (
        <Button
          block
          onClick={() =>
            go(`/manager/pages/slot-volunteers/index?activityId=${encodeURIComponent(activityId)}`)
          }
        >
          查看报名的志愿者
        </Button>
      )}
    </View>
  )
}
