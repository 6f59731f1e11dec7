// Failed calls as the screens meet them: the kit's problem+json helpers (@kassa/ui), which its
// ErrorAlert puts into words, shared with the back office.
export {
  type ApiFailure,
  callApi,
  describeError,
  fieldErrorsByName,
  NETWORK_FAILURE,
  problemCode,
  problemNumber,
} from '@kassa/ui';
