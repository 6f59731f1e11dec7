/**
 * @kassa/ui: the Kassa design system, one for the customer web app and the back office (STYLE.md
 * habit 12). Tokens and styles come as CSS (`@kassa/ui/tokens.css`, `@kassa/ui/styles.css`),
 * imported once by each app before its own; the components take their few texts and the locale
 * from <KitProvider>, which each app fills from its own catalogue.
 */
export { Alert, ErrorAlert } from './Alert';
export { Button, ButtonLink } from './Button';
export { Card } from './Card';
export { CopyButton } from './CopyButton';
export { DateTime } from './DateTime';
export { EmptyState } from './EmptyState';
export { BANK_TIME_ZONE, type DateTimeStyle, formatDateTime, formatMoney, formatOperationReference, minorUnitDigits } from './format';
export * from './icons';
export { type KitCatalog, type KitKey, KitProvider, type KitTFunction } from './KitProvider';
export { LanguageSwitch } from './LanguageSwitch';
export { Money } from './Money';
export { PageHeader } from './PageHeader';
export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PasswordField } from './PasswordField';
export {
  type ApiFailure,
  type ApiResult,
  callApi,
  describeError,
  fieldErrorsByName,
  NETWORK_FAILURE,
  type Problem,
  problemCode,
  problemNumber,
} from './problem';
export { SelectField } from './SelectField';
export { SessionEndingDialog } from './SessionEndingDialog';
export { LoadingState, Spinner } from './Spinner';
export { Steps } from './Steps';
export { Switch } from './Switch';
export { TextField } from './TextField';
export { type LoadState, useApiLoad } from './useApiLoad';
