import { Input, View } from '@tarojs/components'
import { a11y } from '@/components/a11y'
import './signin.css'

export interface TextFieldProps {
  label: string
  value: string
  onChange: (value: string) => void
  type?: 'text' | 'number'
  maxLength?: number
  /** the field's problem, written under it */
  problem?: string
}

/** A labelled input (H5: text-field.h5.tsx uses a native <label> and <input>). */
export function TextField({ label, value, onChange, type = 'text', maxLength, problem }: TextFieldProps) {
  return (
    <View className="text-field">
      <View className="text-field__label">{label}</View>
      <Input
        className="text-field__input"
        type={type === 'number' ? 'number' : 'text'}
        value={value}
        maxlength={maxLength}
        onInput={(e) => onChange(e.detail.value)}
        {...a11y({ label })}
      />
      {problem && <View className="text-field__problem">{problem}</View>}
    </View>
  )
}
