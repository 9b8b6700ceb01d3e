/** The app's own address for an invitation link: none on the mini-program (the invitee scans the code). */
export function linkBase(): string | undefined {
  return undefined
}
