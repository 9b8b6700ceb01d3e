/**
 * Form fields on the mini-program (Taro Input, Textarea, Picker, Switch). H5: form-fields.h5.tsx, native
 * elements with <label>. Every field shows its own error in words.
 */
import { Input, Picker, Switch, Textarea, View } from '@tarojs/components'
import { a11y } from './a11y'
import type {
  CheckFieldProps,
  ChoiceFieldProps,
  FieldShellProps,
  TextFieldProps,
  WhenFieldProps,
} from './form-field-types'
import './form-fields.css'

export type { CheckFieldProps, ChoiceFieldProps, TextFieldProps, WhenFieldProps } from './form-field-types'

function Shell({ label, error, children }: FieldShellProps) {
  return (
    <View className="field">
      <View className="field__label">{label}</View>
      {children}
      {error && (
        <View className="field__error" {...a11y({ role: 'alert' })}>
          {error}
        </View>
      )}
    </View>
  )
}

export function TextField({
  label,
  value,
  onChange,
  error,
  multiline,
  type = 'text',
  maxLength,
}: TextFieldProps) {
  return (
    <Shell label={label} error={error}>
      {multiline ? (
        <Textarea
          className="field__control field__control--multiline"
          value={value}
          maxlength={maxLength ?? -1}
          ariaLabel={label}
          onInput={(e) => onChange(e.detail.value)}
        />
      ) : (
        <Input
          className="field__control"
          value={value}
          type={type === 'number' ? 'number' : 'text'}
          maxlength={maxLength ?? -1}
          ariaLabel={label}
          onInput={(e) => onChange(e.detail.value)}
        />
      )}
    </Shell>
  )
}

export function ChoiceField({ label, value, options, onChange, error }: ChoiceFieldProps) {
  const index = Math.max(
    0,
    options.findIndex((o) => o.value === value),
  )
  return (
    <Shell label={label} error={error}>
      <Picker
        mode="selector"
        range={options.map((o) => o.label)}
        value={index}
        onChange={(e) => onChange(options[Number(e.detail.value)]!.value)}
      >
        <View
          className="field__control"
          {...a11y({ role: 'button', label: `${label}：${options[index]?.label ?? ''}` })}
        >
          {options[index]?.label ?? '请选择'}
        </View>
      </Picker>
    </Shell>
  )
}

export function DateField({ label, value, onChange, error }: WhenFieldProps) {
  return (
    <Shell label={label} error={error}>
      <Picker mode="date" value={value} onChange={(e) => onChange(String(e.detail.value))}>
        <View className="field__control" {...a11y({ role: 'button', label: `${label}：${value}` })}>
          {value || '请选择日期'}
        </View>
      </Picker>
    </Shell>
  )
}

export function TimeField({ label, value, onChange, error }: WhenFieldProps) {
  return (
    <Shell label={label} error={error}>
      <Picker mode="time" value={value} onChange={(e) => onChange(String(e.detail.value))}>
        <View className="field__control" {...a11y({ role: 'button', label: `${label}：${value}` })}>
          {value || '请选择时间'}
        </View>
      </Picker>
    </Shell>
  )
}

export function CheckField({ label, checked, onChange, error }: CheckFieldProps) {
  return (
    <Shell label="" error={error}>
      <View className="field__check">
        <Switch checked={checked} ariaLabel={label} onChange={(e) => onChange(e.detail.value)} />
        <View>{label}</View>
      </View>
    </Shell>
  )
}
