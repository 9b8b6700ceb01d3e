/** The app's own address for codes that a camera opens: none on the mini-program (codes are scanned in-app). */
export function linkBase(): string | undefined {
  return undefined
}
