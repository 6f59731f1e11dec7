import { describeEveryScreen } from './screens.js';

// Every screen in Kazakh: the walk and its checks are in screens.ts.
describeEveryScreen('kk');
