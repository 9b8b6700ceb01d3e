import type { VolunteerAnswer } from '@core/contract'
import { Button } from '@/components/button'
import { ErrorNotice } from '@/components/error-notice'
import type { ActionState } from '../use-action'

/** 志愿者签退 for an open session, with its running state and its error (from `useAction(signOutHere)`). */
export function SignOutButton(props: {
  open: boolean
  state: ActionState<VolunteerAnswer>
  onSignOut: () => void
}) {
  const { open, state, onSignOut } = props
  return (
    <>
      {open && (
        <Button variant="primary" block disabled={state.status === 'running'} onClick={onSignOut}>
          {state.status === 'running' ? '正在签退…' : '志愿者签退'}
        </Button>
      )}
      {state.status === 'failed' && <ErrorNotice message={state.error.message} />}
    </>
  )
}
