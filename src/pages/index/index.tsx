import { Page } from '@/components/page'
import { HomeEntries } from '@/features/activities/components/home-entries'
import { ElderModeSwitch } from '@/features/elder-mode/elder-mode-switch'
import { InboxEntry } from '@/features/inbox/components/inbox-entry'
import { OrdersEntry } from '@/features/orders/components/home-entry'
import { PrivacyConsent } from '@/features/privacy/privacy-consent'
import { ScanEntry } from '@/features/signin/components/scan-entry'
import { NearbyStations } from '@/features/stations/components/nearby-stations'
import { SubscribeButton } from '@/features/subscribe/subscribe-button'

export default function HomePage() {
  return (
    <Page title="文明实践">
      <PrivacyConsent />
      <ElderModeSwitch />
      <HomeEntries />
      <OrdersEntry />
      <InboxEntry primary />
      <ScanEntry />
      <SubscribeButton />
      <NearbyStations />
    </Page>
  )
}
