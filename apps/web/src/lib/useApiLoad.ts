// A screen's load of one API resource and its LoadState union: the kit's (@kassa/ui), shared with the back office.
export { useApiLoad } from '@kassa/ui';
