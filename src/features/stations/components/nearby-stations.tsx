import { View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { Button } from '@/components/button'
import { Note } from '@/components/card'
import { Heading } from '@/components/heading'
import { Loading } from '@/components/loading'
import { QueryView } from '@/components/query-view'
import { api } from '@/lib/api'
import { CAN_OPEN_LOCATION_SETTINGS, locate, openLocationSettings, type LocateResult } from '@/lib/location'
import { useQuery } from '@/lib/use-query'
import { formatRadius } from '../format-distance'
import { AllStations } from './all-stations'
import { StationList } from './station-list'

/** Stations near the reader; without a location (refused or unknown), a clear note and the full list. */
export function NearbyStations() {
  const [place, setPlace] = useState<LocateResult | null>(null)
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    let current = true
    setPlace(null)
    locate().then((result) => current && setPlace(result))
    return () => {
      current = false
    }
  }, [attempt])

  const located = place?.ok ? place : null
  const nearby = useQuery(located ? `stations:nearby:${located.latitude},${located.longitude}` : null, () =>
    api.stations.nearby({ latitude: located?.latitude ?? 0, longitude: located?.longitude ?? 0 }),
  )

  const retry = async () => {
    if (place && !place.ok && place.reason === 'denied' && CAN_OPEN_LOCATION_SETTINGS)
      await openLocationSettings()
    setAttempt((n) => n + 1)
  }

  return (
    <View className="nearby">
      <Heading>离您最近的实践站</Heading>
      {place === null && <Loading text="正在获取您的位置…" />}
      {located && (
        <QueryView query={nearby} loadingText="正在查找附近的实践站…">
          {({ stations, radiusMeters }) =>
            stations.length > 0 ? (
              <StationList stations={stations} label="附近的实践站" />
            ) : (
              <>
                <Note>您附近 {formatRadius(radiusMeters)} 内没有实践站，下面列出全部实践站。</Note>
                <AllStations />
              </>
            )
          }
        </QueryView>
      )}
      {place && !place.ok && (
        <>
          <Note>
            {place.reason === 'denied'
              ? '您没有允许使用位置，所以无法按远近排列。下面列出全部实践站。'
              : '暂时无法获取您的位置。下面列出全部实践站。'}
          </Note>
          <Button variant="secondary" block onClick={retry}>
            重新获取位置
          </Button>
          <AllStations />
        </>
      )}
    </View>
  )
}
