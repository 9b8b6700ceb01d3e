import type { ReactNode } from 'react'
import { isRetryable } from '@/lib/cloud'
import type { Query } from '@/lib/use-query'
import { ErrorNotice } from './error-notice'
import { Loading } from './loading'

export interface QueryViewProps<T> {
  query: Query<T>
  loadingText?: string
  children: (data: T) => ReactNode
}

/** A load's three faces: waiting, failed (with 重试), done. */
export function QueryView<T>({ query, loadingText, children }: QueryViewProps<T>) {
  if (query.status === 'success') return <>{children(query.data)}</>
  if (query.status === 'error') {
    return (
      <ErrorNotice
        message={query.error.message}
        onRetry={isRetryable(query.error) ? query.retry : undefined}
      />
    )
  }
  return <Loading text={loadingText} />
}
