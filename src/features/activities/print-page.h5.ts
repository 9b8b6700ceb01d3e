/** H5: the browser's print dialog; activities.css hides the controls in print. */
export const canPrint = true

export function printPage(): void {
  window.print()
}
