// The card screens, one chunk loaded when the first of them is opened (App.tsx).
export { CardPage } from './CardPage';
export { CardsPage } from './CardsPage';
export { IssueCardPage } from './IssueCardPage';
