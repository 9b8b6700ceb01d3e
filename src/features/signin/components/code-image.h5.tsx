import './signin.css'

export function CodeImage({
  src,
  alt,
  size = 'large',
}: {
  src: string
  alt: string
  size?: 'large' | 'small'
}) {
  return <img className={`code-image code-image--${size}`} src={src} alt={alt} />
}
