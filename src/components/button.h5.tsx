/** H5: a native <button>, so keyboard, focus and screen readers work without extra code. */
import { buttonClassName, type ButtonProps } from './button-props'
import './button.css'

export type { ButtonProps } from './button-props'

export function Button(props: ButtonProps) {
  const { children, onClick, label, switchOn, pressed, disabled, id } = props
  return (
    <button
      type="button"
      id={id}
      className={buttonClassName(props)}
      disabled={disabled}
      onClick={onClick}
      role={switchOn === undefined ? undefined : 'switch'}
      aria-checked={switchOn}
      aria-pressed={pressed}
      aria-label={label}
    >
      {children}
    </button>
  )
}
