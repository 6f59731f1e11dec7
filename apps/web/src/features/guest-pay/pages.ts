// The guests' payment pages, one chunk loaded when a guest first opens them (App.tsx).
export { GuestCataloguePage } from './GuestCataloguePage';
export { GuestDonePage } from './GuestDonePage';
export { GuestProviderPage } from './GuestProviderPage';
