import { View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { NoticeJobView } from '@core/contract'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Card, Note } from '@/components/card'
import { Heading } from '@/components/heading'
import { QueryView } from '@/components/query-view'
import { api } from '@/lib/api'
import { toCloudError } from '@/lib/cloud'
import { useQuery } from '@/lib/use-query'
import { jobLines, jobTitle, whenText } from './model'

const POLL_MS = 3000

/** The last notices sent: counts by outcome, refreshed while one is sending. */
export function JobsSection({ centerId, version }: { centerId: string; version: number }) {
  const jobs = useQuery(`notices:jobs:${centerId}:${version}`, () =>
    api.notices.jobStatus({ centerId, limit: 5 }),
  )
  const [status, setStatus] = useState('')
  const sending = jobs.status === 'success' && jobs.data.jobs.some((j) => j.state === 'running')
  const { retry } = jobs

  useEffect(() => {
    if (!sending) return
    const timer = setInterval(retry, POLL_MS)
    return () => clearInterval(timer)
  }, [sending, retry])

  async function resume(job: NoticeJobView) {
    setStatus('')
    try {
      await api.notices.resumeJob({ jobId: job._id })
      setStatus('已继续发送')
      retry()
    } catch (err) {
      setStatus(toCloudError(err).message)
    }
  }

  return (
    <View className="nt-section">
      <Heading>发送情况</Heading>
      <QueryView query={jobs} loadingText="正在查询发送情况…">
        {({ jobs: list }) =>
          list.length === 0 ? (
            <Note>还没有发送过提醒。</Note>
          ) : (
            <>
              {list.map((job) => (
                <Card key={job._id} label={jobTitle(job)}>
                  <View className="nt-line" {...a11y({ role: 'heading', level: 3 })}>
                    {jobTitle(job)}
                  </View>
                  {jobLines(job).map((line) => (
                    <View className="nt-line" key={line}>
                      {line}
                    </View>
                  ))}
                  <View className="nt-line nt-line--soft">
                    {job.finishedAt
                      ? `发完于 ${whenText(job.finishedAt)}`
                      : `开始于 ${whenText(job.createdAt)}`}
                  </View>
                  {job.haltMessage && <Note>{job.haltMessage}</Note>}
                  {job.state === 'halted' && (
                    <Button variant="primary" onClick={() => void resume(job)}>
                      继续发送
                    </Button>
                  )}
                </Card>
              ))}
            </>
          )
        }
      </QueryView>
      <Button onClick={retry}>刷新发送情况</Button>
      <View {...a11y({ role: 'status', live: 'polite' })}>{status && <Note>{status}</Note>}</View>
    </View>
  )
}
