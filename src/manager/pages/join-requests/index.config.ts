export default definePageConfig({
  navigationBarTitleText: '入队申请审核',
})
