import { Button } from '@/components/button'
import { selectElderEnabled, useElderMode } from './store'

/** The visible 长辈模式 switch (MIIT §3.1): its state is written, not only coloured. */
export function ElderModeSwitch() {
  const enabled = useElderMode(selectElderEnabled)
  const setChoice = useElderMode((state) => state.setChoice)
  return (
    <Button variant="secondary" block switchOn={enabled} onClick={() => setChoice(!enabled)}>
      长辈模式：{enabled ? '已开启' : '已关闭'}
    </Button>
  )
}
