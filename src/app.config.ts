export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/station/index',
    'pages/scan/index',
    'pages/week/index',
    'pages/activity/index',
  ],
  subPackages: [
    // 我的 and the pages it leads to: none is where a person starts (issue 9: main package ≤ 400 KB)
    {
      root: 'mine',
      pages: [
        'pages/my/index',
        'pages/my-hours/index',
        'pages/my-activities/index',
        'pages/inbox/index',
        'pages/volunteer/index',
        'pages/teams/index',
        'pages/team/index',
        'pages/credit/index',
        'pages/shop/index',
        'pages/board/index',
        'pages/certificates/index',
      ],
    },
    {
      root: 'manager',
      pages: [
        'pages/signin-code/index',
        'pages/attendance/index',
        'pages/station-codes/index',
        'pages/activities/index',
        'pages/activity-edit/index',
        'pages/registrants/index',
        'pages/notices/index',
        'pages/join-requests/index',
        'pages/slot-volunteers/index',
        'pages/orders/index',
        'pages/credit/index',
        'pages/stats/index',
        'pages/integrity/index',
        'pages/plan/index',
        'pages/plan-month/index',
        'pages/certificates/index',
        'pages/posters/index',
      ],
    },
    // 点单: the resident's order flow, 我的订单, an order's page, 可接订单 (issue 14)
    {
      root: 'orders',
      pages: ['pages/new/index', 'pages/mine/index', 'pages/detail/index', 'pages/available/index'],
    },
    // network context: units, invitations and the audit log (managers), and where an invitation's code opens
    {
      root: 'network',
      pages: [
        'pages/units/index',
        'pages/unit-edit/index',
        'pages/invite/index',
        'pages/accept/index',
        'pages/audit/index',
      ],
    },
    // 证明核验: the public page a 志愿服务记录证明's QR opens (docs/certificates.md)
    { root: 'verify', pages: ['pages/index/index'] },
    // 数据驾驶舱 (docs/cockpit.md): wide-screen H5 only, never in the mini-program's packages
    ...(process.env.TARO_ENV === 'h5' ? [{ root: 'desk', pages: ['pages/cockpit/index'] }] : []),
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '文明实践',
    navigationBarTextStyle: 'black',
  },
  // platform-facts "Package size, privacy, location": declared private API + its purpose (≤ 30 chars).
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': { desc: '用于查找离您最近的新时代文明实践站' },
  },
  __usePrivacyCheck__: true,
  lazyCodeLoading: 'requiredComponents',
})
