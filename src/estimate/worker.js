// Worker thread entry (see parallel.ts): registers tsx so the TypeScript sources load, as
// the command line, the notebooks and the tests run them.
'use strict';
require('tsx/cjs');
require('./worker-main.ts');
