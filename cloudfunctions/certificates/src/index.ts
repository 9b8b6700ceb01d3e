import cloud from 'wx-server-sdk'
import { certificates } from '../../../core/contract/certificates'
import { initCloud } from '../../../server/init'
import { createMain } from '../../../server/router'
import { issue, request } from './handlers/issue'
import { issuerGet, issuerSet } from './handlers/issuer'
import { pdf } from './handlers/pdf'
import { list, mine, verify } from './handlers/read'
import { revoke } from './handlers/revoke'

initCloud(cloud)

export const main = createMain(
  'certificates',
  certificates,
  { mine, request, issue, list, revoke, pdf, verify, issuerGet, issuerSet },
  { cloud },
)
