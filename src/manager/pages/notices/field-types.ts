export interface TextProps {
  /** a stable id: the H5 label points at it */
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  error?: string
  maxLength?: number
  /** date: YYYY-MM-DD, time: HH:mm */
  kind?: 'text' | 'number' | 'date' | 'time'
}

export interface ChoiceProps {
  id: string
  label: string
  value: string
  options: ReadonlyArray<{ value: string; label: string }>
  onChange: (value: string) => void
  error?: string
}
