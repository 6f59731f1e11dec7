import { describeEveryScreen } from './screens.js';

// Every screen in English: the walk and its checks are in screens.ts.
describeEveryScreen('en');
