import type { StationSummary } from '@core/contract'
import { List, ListItem } from '@/components/list-item'
import { formatDistance } from '../format-distance'
import { openStation } from '../open-station'

export function StationList({ stations, label }: { stations: StationSummary[]; label: string }) {
  return (
    <List label={label}>
      {stations.map((station) => (
        <ListItem
          key={station._id}
          title={station.name}
          lines={[
            station.distanceMeters === undefined ? '' : `距离您${formatDistance(station.distanceMeters)}`,
            station.address,
          ].filter(Boolean)}
          onOpen={() => openStation(station._id)}
        />
      ))}
    </List>
  )
}
