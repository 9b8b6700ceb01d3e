import cloud from 'wx-server-sdk'
import { initCloud } from '../../../server/init'
import { createMain } from '../../../server/router'
import { signin } from '../../../core/contract/signin'
import { checkIn } from './handlers/check-in'
import { confirmHours, correctHours, myHours } from './handlers/hours'
import { liveAttendance } from './handlers/live'
import { rotatingCode, setGeofence } from './handlers/rotating-code'
import { scanStation } from './handlers/scan-station'
import { volunteerSignIn, volunteerSignOut } from './handlers/volunteer'
import { signinTimer } from './timer'

initCloud(cloud)

export const main = createMain(
  'signin',
  signin,
  {
    scanStation,
    checkIn,
    volunteerSignIn,
    volunteerSignOut,
    rotatingCode,
    setGeofence,
    liveAttendance,
    myHours,
    confirmHours,
    correctHours,
  },
  { cloud },
  signinTimer,
)
