import { Image } from '@tarojs/components'
import { a11y } from '@/components/a11y'
import './mine.css'

/** The pickup code's QR (a PNG data URL from the server) with its name read out. H5: pickup-qr.h5.tsx. */
export function PickupQr({ src, alt }: { src: string; alt: string }) {
  return <Image className="credit-qr" src={src} mode="aspectFit" {...a11y({ label: alt })} />
}
