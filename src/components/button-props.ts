import type { ReactNode } from 'react'

export interface ButtonProps {
  children: ReactNode
  onClick?: () => void
  variant?: 'primary' | 'secondary' | 'quiet'
  /** full width */
  block?: boolean
  /** only when the visible text alone does not say what the button does; it must contain that text */
  label?: string
  /** makes it a switch whose state is read out */
  switchOn?: boolean
  pressed?: boolean
  disabled?: boolean
  className?: string
  id?: string
  /** weapp: the privacy agree button (open-type="agreePrivacyAuthorization") */
  openType?: 'agreePrivacyAuthorization'
  onAgreePrivacyAuthorization?: () => void
}

export function buttonClassName({ variant = 'secondary', block, className }: ButtonProps): string {
  return ['btn', `btn--${variant}`, block ? 'btn--block' : '', className ?? ''].filter(Boolean).join(' ')
}
