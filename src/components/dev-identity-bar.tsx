/** Mini-programs run as the reader's real WeChat identity: no demo bar (dev-identity-bar.h5.tsx). */
export function DevIdentityBar(): null {
  return null
}
