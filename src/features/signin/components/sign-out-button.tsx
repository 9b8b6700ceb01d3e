import type { VolunteerAnswer } from '@core/contract'
import { Button } from '@/components/button'
import { ErrorNotice } from '@/components/error-notice'
import type { MutationState } from '@/lib/use-mutation'

/** 志愿者签退 for an open session, with its running state and its error (from `useMutation(signOutHere)`). */
export function SignOutButton(props: {
  open: boolean
  state: MutationState<VolunteerAnswer>
  onSignOut: () => void
}) {
  const { open, state, onSignOut } = props
  return (
    <>
      {open && (
        <Button variant="primary" block disabled={state.status === 'pending'} onClick={onSignOut}>
          {state.status === 'pending' ? '正在签退…' : '志愿者签退'}
        </Button>
      )}
      {state.status === 'error' && <ErrorNotice message={state.error.message} />}
    </>
  )
}
