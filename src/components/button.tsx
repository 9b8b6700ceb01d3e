/** The one button: Taro's Button on mini-programs (button.h5.tsx renders a native <button> on H5). */
import { Button as TaroButton } from '@tarojs/components'
import { a11y } from './a11y'
import { buttonClassName, type ButtonProps } from './button-props'
import './button.css'

export type { ButtonProps } from './button-props'

export function Button(props: ButtonProps) {
  const { children, onClick, label, switchOn, pressed, disabled, id, openType, onAgreePrivacyAuthorization } =
    props
  return (
    <TaroButton
      id={id}
      className={buttonClassName(props)}
      disabled={disabled}
      openType={openType}
      onAgreePrivacyAuthorization={onAgreePrivacyAuthorization}
      onClick={onClick}
      {...a11y({ role: switchOn === undefined ? undefined : 'switch', label, checked: switchOn, pressed })}
    >
      {children}
    </TaroButton>
  )
}
