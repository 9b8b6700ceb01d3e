export default definePageConfig({
  navigationBarTitleText: '邀请专管员',
})
