import './mine.css'

/** The pickup code's QR as an <img alt> (weapp: pickup-qr.tsx). */
export function PickupQr({ src, alt }: { src: string; alt: string }) {
  return <img className="credit-qr" src={src} alt={alt} />
}
