/**
 * Any console.error — from the app (logic layer), React, or the render layer — fails the test that caused
 * it: errors are collected here and checked after each test (setup-after-env.ts).
 */
import { format } from 'node:util'

const errors: string[] = []

export function reportConsoleError(source: string, args: unknown[]): void {
  errors.push(`[${source}] ${format(...args)}`)
}

export function takeConsoleErrors(): string[] {
  return errors.splice(0)
}
