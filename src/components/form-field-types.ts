import type { ReactNode } from 'react'

export interface FieldShellProps {
  label: string
  error?: string
  children: ReactNode
}

export interface TextFieldProps {
  /** a stable id: the H5 label points at it */
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  error?: string
  multiline?: boolean
  type?: 'text' | 'number' | 'tel'
  maxLength?: number
}

export interface ChoiceFieldProps {
  id: string
  label: string
  value: string
  options: ReadonlyArray<{ value: string; label: string }>
  onChange: (value: string) => void
  error?: string
}

export interface WhenFieldProps {
  id: string
  label: string
  /** YYYY-MM-DD for dates, HH:mm for times */
  value: string
  onChange: (value: string) => void
  error?: string
}

export interface CheckFieldProps {
  id: string
  label: string
  checked: boolean
  onChange: (checked: boolean) => void
  error?: string
}
