/**
 * @kassa/demo-shop: a small shop that pays through Kassa's merchant API as any outside merchant
 * would (issue 15 item 8). It imports nothing of the server (.dependency-cruiser.cjs forbids it):
 * the server mounts `demoShop` and hands it its credentials, as a real shop's environment would.
 */

export { SHOP_PATH } from './html.js';
export { type Order, type OrderStatus, OrderStore, type PaymentMode } from './orders.js';
export { type DemoShopOptions, demoShop, type ShopCredentials, type ShopModeCredentials } from './plugin.js';
export { checkKassaSignature } from './signature.js';
export { WEBHOOK_PATH } from './webhook-route.js';
