/** Form fields on the mini-program (Taro Input and Picker). H5: fields.h5.tsx, native elements with <label>. */
import { Input, Picker, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { a11y } from '@/components/a11y'
import type { ChoiceProps, TextProps } from './field-types'
import './notices.css'

export type { ChoiceProps, TextProps } from './field-types'

function Shell({ label, error, children }: { label: string; error?: string; children: ReactNode }) {
  return (
    <View className="nt-field">
      <View className="nt-field__label">{label}</View>
      {children}
      {error && (
        <View className="nt-field__error" {...a11y({ role: 'alert' })}>
          {error}
        </View>
      )}
    </View>
  )
}

export function TextField({ label, value, onChange, error, maxLength, kind = 'text' }: TextProps) {
  if (kind === 'date' || kind === 'time') {
    return (
      <Shell label={label} error={error}>
        <Picker mode={kind} value={value} onChange={(e) => onChange(String(e.detail.value))}>
          <View
            className="nt-field__control"
            {...a11y({ role: 'button', label: `${label}：${value || '未选择'}` })}
          >
            {value || '请选择'}
          </View>
        </Picker>
      </Shell>
    )
  }
  return (
    <Shell label={label} error={error}>
      <Input
        className="nt-field__control"
        value={value}
        type={kind === 'number' ? 'number' : 'text'}
        maxlength={maxLength ?? -1}
        ariaLabel={label}
        onInput={(e) => onChange(e.detail.value)}
      />
    </Shell>
  )
}

export function ChoiceField({ label, value, options, onChange, error }: ChoiceProps) {
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
          className="nt-field__control"
          {...a11y({ role: 'button', label: `${label}：${options[index]?.label ?? '未选择'}` })}
        >
          {options[index]?.label ?? '请选择'}
        </View>
      </Picker>
    </Shell>
  )
}
