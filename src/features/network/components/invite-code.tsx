import { Image } from '@tarojs/components'
import { a11y } from '@/components/a11y'
import './network.css'

/** The invitation's mini-program code, its purpose read out (H5: invite-code.h5.tsx renders an <img alt>). */
export function InviteCode({ src, alt }: { src: string; alt: string }) {
  return (
    <Image className="invite-code" src={src} mode="aspectFit" showMenuByLongpress {...a11y({ label: alt })} />
  )
}
