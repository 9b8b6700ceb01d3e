import { buttonClassName } from './button-props'
import type { PhoneButtonProps } from './phone-button'
import './button.css'

export type { PhoneButtonProps } from './phone-button'

/** H5: a tel: link, which the phone's dialler opens in one tap. */
export function PhoneButton({ phone }: PhoneButtonProps) {
  return (
    <a
      className={buttonClassName({ children: null, variant: 'primary', block: true })}
      href={`tel:${phone.replace(/[^\d+]/g, '')}`}
    >
      <span>拨打电话 </span>
      <span className="nowrap">{phone}</span>
    </a>
  )
}
