import Taro from '@tarojs/taro'
import { Text } from '@tarojs/components'
import { Button } from './button'

export interface PhoneButtonProps {
  phone: string
}

/** One tap to call (WeChat asks to confirm the number; a cancel is not an error). H5: phone-button.h5.tsx. */
export function PhoneButton({ phone }: PhoneButtonProps) {
  const call = () => {
    Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)
  }
  return (
    <Button variant="primary" block onClick={call}>
      <Text>拨打电话 </Text>
      <Text className="nowrap">{phone}</Text>
    </Button>
  )
}
