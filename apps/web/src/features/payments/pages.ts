// The payments' pages, one chunk loaded when the customer first opens them (App.tsx).
export { CataloguePage } from './CataloguePage';
export { ProviderPage } from './ProviderPage';
export { SchedulePage } from './SchedulePage';
export { SchedulesPage } from './SchedulesPage';
