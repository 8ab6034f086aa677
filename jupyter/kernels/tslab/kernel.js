#!/usr/bin/env node
// The project's tslab kernel: tslab as installed (node_modules untouched) with two fixes
// applied from outside, then tslab's own `main()`.
//
// 1. JupyterLab asks every kernel for its history (history_request); tslab does not know
//    the message, logs "unknown msg_type: history_request" and never answers. Here it
//    answers with an empty history, as a kernel without history should.
// 2. tslab compiles the modules a cell imports (src/**/*.ts) in memory and runs them as
//    src/**/*.js, files that do not exist, so stack traces pointed nowhere. Here those
//    modules are compiled from their .ts file with an inline source map (the same
//    TypeScript and target as tslab, CommonJS directly), and node runs with source maps
//    enabled (kernel.json), so stack traces name src/data/study.ts and its line.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

const root = path.resolve(__dirname, '..', '..', '..');
const tslabDir = path.dirname(require.resolve('tslab/package.json', { paths: [root] }));
const jupyter = require(path.join(tslabDir, 'dist', 'jupyter.js'));

// --- 1. history_request -----------------------------------------------------------------
const DELIM = Buffer.from('<IDS|MSG>');
let MessageClass = null; // tslab's ZmqMessage (not exported), taken from the first kernel_info_request
const proto = jupyter.ZmqServer.prototype;
const handleKernelInfo = proto.handleKernelInfo;
proto.handleKernelInfo = function (sock, msg) {
  MessageClass = msg.constructor;
  return handleKernelInfo.call(this, sock, msg);
};
function messageType(frames) {
  const i = frames.findIndex((f) => Buffer.isBuffer(f) && f.equals(DELIM));
  try {
    return i >= 0 ? JSON.parse(frames[i + 2].toString()).msg_type : null;
  } catch {
    return null;
  }
}
const handleShellMessage = proto.handleShellMessage;
proto.handleShellMessage = async function (sock, ...frames) {
  if (MessageClass && messageType(frames) === 'history_request') {
    const msg = MessageClass.fromRaw(this.connInfo.key, frames);
    this.publishStatus('busy', msg);
    const reply = msg.createReply();
    reply.header.msg_type = 'history_reply';
    reply.content = { status: 'ok', history: [] };
    reply.signAndSend(this.connInfo.key, sock);
    this.publishStatus('idle', msg);
    return;
  }
  return handleShellMessage.call(this, sock, ...frames);
};

// --- 2. source maps for the project's modules --------------------------------------------
const ts = require(require.resolve('@tslab/typescript-for-tslab', { paths: [tslabDir] }));
const srcDir = path.join(root, 'src') + path.sep;
// tslab's target for this Node version (converter.js getTranspileTargets): ES2022 from Node 18.
const target = ts.ScriptTarget.ES2022;
const compile = Module.prototype._compile;
Module.prototype._compile = function (content, filename) {
  if (typeof filename === 'string' && filename.startsWith(srcDir) && filename.endsWith('.js') && !fs.existsSync(filename)) {
    const tsFile = filename.slice(0, -3) + '.ts';
    if (fs.existsSync(tsFile)) {
      const out = ts.transpileModule(fs.readFileSync(tsFile, 'utf8'), {
        fileName: tsFile,
        compilerOptions: {
          module: ts.ModuleKind.CommonJS,
          target,
          esModuleInterop: true,
          resolveJsonModule: true,
          noImplicitUseStrict: true,
          newLine: ts.NewLineKind.LineFeed,
          inlineSourceMap: true,
        },
      });
      return compile.call(this, out.outputText, filename);
    }
  }
  return compile.call(this, content, filename);
};

require(path.join(tslabDir, 'dist', 'main.js')).main();
