/** Printing the page (签到表): H5 only (print-page.h5.ts); the mini-program has no printer. */
export const canPrint = false

export function printPage(): void {
  // nothing to do on the mini-program: the page says to open it on a computer
}
