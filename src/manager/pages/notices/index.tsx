import { useState } from 'react'
import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'
import { adhocStations } from './adhoc-stations'
import { AdhocSection } from './adhoc-section'
import { JobsSection } from './jobs-section'
import { SettingsSection } from './settings-section'
import { UpcomingSection } from './upcoming-section'

/** 实践日提醒 for managers (subpackage `manager/`): the coming day, what was sent, settings, ad-hoc notices. */
export default function NoticesPage() {
  const me = useQuery('users:me', () => api.users.me())
  const settings = useQuery(me.status === 'success' ? 'notices:settings' : null, () =>
    api.notices.getSettings(),
  )
  const centerId = settings.status === 'success' ? settings.data.centerId : null
  const managed = me.status === 'success' ? me.data.managedUnitIds : []
  const stations = useQuery(centerId ? `notices:stations:${centerId}` : null, () =>
    adhocStations(managed, centerId!),
  )
  // bumped after a save or a send: the sections below load again
  const [version, setVersion] = useState(0)

  return (
    <Page title="实践日提醒">
      <QueryView query={me} loadingText="正在加载…">
        {() => (
          <QueryView query={settings} loadingText="正在加载实践日设置…">
            {(data) => (
              <>
                <UpcomingSection centerId={data.centerId} version={version} />
                <JobsSection centerId={data.centerId} version={version} />
                <SettingsSection
                  settings={data}
                  canEdit={managed.includes(data.centerId)}
                  onSaved={() => setVersion((v) => v + 1)}
                />
                {stations.status === 'success' && (
                  <AdhocSection stations={stations.data} onSent={() => setVersion((v) => v + 1)} />
                )}
              </>
            )}
          </QueryView>
        )}
      </QueryView>
    </Page>
  )
}
