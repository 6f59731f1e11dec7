import { describeEveryScreen } from './screens.js';

// Every screen in Russian: the walk and its checks are in screens.ts.
describeEveryScreen('ru');
