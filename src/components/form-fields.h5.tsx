/** H5: native form elements, each with a <label>, so browsers, screen readers and tests treat them normally. */
import type { ReactNode } from 'react'
import type { CheckFieldProps, ChoiceFieldProps, TextFieldProps, WhenFieldProps } from './form-field-types'
import './form-fields.css'

export type { CheckFieldProps, ChoiceFieldProps, TextFieldProps, WhenFieldProps } from './form-field-types'

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
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children}
      {error && (
        <div className="field__error" id={`${id}-error`} role="alert">
          {error}
        </div>
      )}
    </div>
  )
}

function described(id: string, error?: string) {
  return error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {}
}

export function TextField({
  id,
  label,
  value,
  onChange,
  error,
  multiline,
  type = 'text',
  maxLength,
}: TextFieldProps) {
  return (
    <Shell id={id} label={label} error={error}>
      {multiline ? (
        <textarea
          id={id}
          className="field__control field__control--multiline"
          value={value}
          maxLength={maxLength}
          onChange={(e) => onChange(e.target.value)}
          {...described(id, error)}
        />
      ) : (
        <input
          id={id}
          className="field__control"
          type={type === 'number' ? 'number' : type === 'tel' ? 'tel' : 'text'}
          inputMode={type === 'number' ? 'numeric' : undefined}
          value={value}
          maxLength={maxLength}
          onChange={(e) => onChange(e.target.value)}
          {...described(id, error)}
        />
      )}
    </Shell>
  )
}

export function ChoiceField({ id, label, value, options, onChange, error }: ChoiceFieldProps) {
  return (
    <Shell id={id} label={label} error={error}>
      <select
        id={id}
        className="field__control"
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

export function DateField({ id, label, value, onChange, error }: WhenFieldProps) {
  return (
    <Shell id={id} label={label} error={error}>
      <input
        id={id}
        className="field__control"
        type="date"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...described(id, error)}
      />
    </Shell>
  )
}

export function TimeField({ id, label, value, onChange, error }: WhenFieldProps) {
  return (
    <Shell id={id} label={label} error={error}>
      <input
        id={id}
        className="field__control"
        type="time"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...described(id, error)}
      />
    </Shell>
  )
}

export function CheckField({ id, label, checked, onChange, error }: CheckFieldProps) {
  return (
    <div className="field">
      <label className="field__check" htmlFor={id}>
        <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
        <span>{label}</span>
      </label>
      {error && (
        <div className="field__error" role="alert">
          {error}
        </div>
      )}
    </div>
  )
}
