// Worker thread entry (see parallel.ts) when the sources run through tsx (notebooks, tests,
// FINSAM_NO_BUNDLE=1): registers tsx so the TypeScript worker loads. The command line's
// bundles carry their own bundled worker entry instead (bin/bundle.js), which starts in a
// fraction of the time.
'use strict';
require('tsx/cjs');
require('./worker-main.ts');
