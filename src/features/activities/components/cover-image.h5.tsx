import './activities.css'

/** H5: a plain <img> with its alt text (Taro's H5 Image does not pass one through). */
export function CoverImage({ src, alt }: { src: string; alt: string }) {
  return <img className="act-cover" src={src} alt={alt} />
}
