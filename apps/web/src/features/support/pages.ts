// The customer's requests load as one chunk: the three pages are opened one after another.
export { DisputePage } from './DisputePage';
export { MyRequestsPage } from './MyRequestsPage';
export { ReportProblemPage } from './ReportProblemPage';
