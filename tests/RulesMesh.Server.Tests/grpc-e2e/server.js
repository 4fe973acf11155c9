// One real gRPC server for the proxyless end-to-end tests: `node server.js <name> <host> <port>` serves
// rulesmesh.e2e.Echo/Ping on host:port (port 0 picks one), answering with its name. Prints
// {"listening":"host:port"} once bound; stops when its standard input closes or on SIGTERM.
'use strict';
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const [name, host, port] = process.argv.slice(2);
const definition = grpc.loadPackageDefinition(protoLoader.loadSync(path.join(__dirname, 'echo.proto')));
const server = new grpc.Server();
server.addService(definition.rulesmesh.e2e.Echo.service, {
  Ping: (_call, callback) => callback(null, { backend: name }),
});
server.bindAsync(`${host}:${port}`, grpc.ServerCredentials.createInsecure(), (error, bound) => {
  if (error) {
    console.error(`bind ${host}:${port} failed: ${error.message}`);
    process.exit(1);
  }
  console.log(JSON.stringify({ listening: `${host}:${bound}` }));
});

const stop = () => server.tryShutdown(() => process.exit(0));
process.stdin.on('end', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
