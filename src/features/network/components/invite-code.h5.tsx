import './network.css'

/** H5: a plain <img> with its alt text (Taro's H5 Image does not pass one through). */
export function InviteCode({ src, alt }: { src: string; alt: string }) {
  return <img className="invite-code" src={src} alt={alt} />
}
