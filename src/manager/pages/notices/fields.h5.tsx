/** H5: native form elements, each with a <label>, so browsers, screen readers and tests treat them normally. */
import type { ReactNode } from 'react'
import type { ChoiceProps, TextProps } from './field-types'
import './notices.css'

export type { ChoiceProps, TextProps } from './field-types'

function Shell({
  id,
  label,
  error,
  children,
}: {
  id: string
  label: string
  error?: string
  children: ReactNode
}) {
  return (
    <div className="nt-field">
      <label className="nt-field__label" htmlFor={id}>
        {label}
      </label>
      {children}
      {error && (
        <div className="nt-field__error" id={`${id}-error`} role="alert">
          {error}
        </div>
      )}
    </div>
  )
}

function described(id: string, error?: string) {
  return error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {}
}

export function TextField({ id, label, value, onChange, error, maxLength, kind = 'text' }: TextProps) {
  return (
    <Shell id={id} label={label} error={error}>
      <input
        id={id}
        className="nt-field__control"
        type={kind}
        inputMode={kind === 'number' ? 'numeric' : undefined}
        value={value}
        maxLength={maxLength}
        onChange={(e) => onChange(e.target.value)}
        {...described(id, error)}
      />
    </Shell>
  )
}

export function ChoiceField({ id, label, value, options, onChange, error }: ChoiceProps) {
  return (
    <Shell id={id} label={label} error={error}>
      <select
        id={id}
        className="nt-field__control"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...described(id, error)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Shell>
  )
}
