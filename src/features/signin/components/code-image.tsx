import { Image } from '@tarojs/components'
import { a11y } from '@/components/a11y'
import './signin.css'

/** A QR code image with its name read out (H5: code-image.h5.tsx renders an <img alt>). */
export function CodeImage({
  src,
  alt,
  size = 'large',
}: {
  src: string
  alt: string
  size?: 'large' | 'small'
}) {
  return (
    <Image
      className={`code-image code-image--${size}`}
      src={src}
      mode="aspectFit"
      showMenuByLongpress
      {...a11y({ label: alt })}
    />
  )
}
