import { Image } from '@tarojs/components'
import './activities.css'

/** The cover picture; its description is read out by screen readers. H5: cover-image.h5.tsx. */
export function CoverImage({ src, alt }: { src: string; alt: string }) {
  return <Image className="act-cover" src={src} mode="aspectFill" ariaLabel={alt} />
}
