/** H5: the address this app is served from, so a code scanned with a phone camera opens the scan page. */
export function linkBase(): string | undefined {
  return `${window.location.origin}${window.location.pathname}`
}
