/** H5: the address this app is served from, so the invitation can be sent as a link. */
export function linkBase(): string | undefined {
  return `${window.location.origin}${window.location.pathname}`
}
