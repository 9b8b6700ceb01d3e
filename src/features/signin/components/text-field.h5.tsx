import { useId } from 'react'
import type { TextFieldProps } from './text-field'
import './signin.css'

export type { TextFieldProps } from './text-field'

export function TextField({ label, value, onChange, type = 'text', maxLength, problem }: TextFieldProps) {
  const id = useId()
  return (
    <div className="text-field">
      <label className="text-field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="text-field__input"
        type="text"
        inputMode={type === 'number' ? 'numeric' : undefined}
        value={value}
        maxLength={maxLength}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={problem ? true : undefined}
      />
      {problem && <div className="text-field__problem">{problem}</div>}
    </div>
  )
}
