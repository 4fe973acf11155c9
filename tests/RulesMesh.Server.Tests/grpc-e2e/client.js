// A proxyless gRPC client for the end-to-end tests: `node client.js <target>` with GRPC_XDS_BOOTSTRAP naming the
// bootstrap file (rulesmesh serve's address, node id <pod>.<namespace>, metadata GENERATOR=grpc). It keeps one channel
// to the xds:/// target and reads commands from standard input, one JSON object per line:
//   {"calls": 1000, "metadata": {"x-version": "v2"}}
// and answers each with one line: {"backends": {"<name>": <count>, ...}, "errors": {"<code> <details>": <count>}}.
'use strict';
const path = require('path');
const readline = require('readline');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
require('@grpc/grpc-js-xds').register();

const target = process.argv[2];
const definition = grpc.loadPackageDefinition(protoLoader.loadSync(path.join(__dirname, 'echo.proto')));
const client = new definition.rulesmesh.e2e.Echo(target, grpc.credentials.createInsecure());

function ping(metadata) {
  return new Promise((resolve) => {
    const headers = new grpc.Metadata();
    for (const [key, value] of Object.entries(metadata ?? {})) {
      headers.set(key, value);
    }
    client.Ping({}, headers, { deadline: Date.now() + 5000 }, (error, reply) => resolve(error ? { error: `${error.code} ${error.details}` } : { backend: reply.backend }));
  });
}

const lines = readline.createInterface({ input: process.stdin });
let queue = Promise.resolve();
lines.on('line', (line) => {
  queue = queue.then(async () => {
    const command = JSON.parse(line);
    const backends = {};
    const errors = {};
    // Calls go out in parallel batches, so 1,000 calls take well under a second on loopback.
    for (let done = 0; done < command.calls; done += 50) {
      const batch = await Promise.all(Array.from({ length: Math.min(50, command.calls - done) }, () => ping(command.metadata)));
      for (const result of batch) {
        if (result.error) {
          errors[result.error] = (errors[result.error] ?? 0) + 1;
        } else {
          backends[result.backend] = (backends[result.backend] ?? 0) + 1;
        }
      }
    }
    console.log(JSON.stringify({ backends, errors }));
  });
});
lines.on('close', () => queue.then(() => { client.close(); process.exit(0); }));
