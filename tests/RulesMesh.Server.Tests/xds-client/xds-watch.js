// Drives gRPC's own xDS client (@grpc/grpc-js-xds, its XdsClient as the library's resolver builds it) against an xDS
// server, for the end-to-end tests of `rulesmesh serve`.
//
//   node xds-watch.js <bootstrap.json> [cluster:<name> | endpoints:<name>]...
//
// Watches the named clusters (CDS) and endpoint assignments (EDS) and prints one JSON line per thing it sees:
//   {"event":"changed","type":"cluster"|"endpoints","name":…,"status":"ACKED","version":…,"resource":…}
//   {"event":"error","type":…,"name":…,"details":…}          the response carrying it was refused (NACK) or the stream failed
//   {"event":"missing","type":…,"name":…}                    the server says it does not exist
// Each line of standard input that reads `cluster:<name>` or `endpoints:<name>` adds a watch; end of input exits.
'use strict';

const fs = require('fs');
const readline = require('readline');
const { validateBootstrapConfig } = require('@grpc/grpc-js-xds/build/src/xds-bootstrap');
const { XdsClient, Watcher } = require('@grpc/grpc-js-xds/build/src/xds-client');
const { ClusterResourceType } = require('@grpc/grpc-js-xds/build/src/xds-resource-type/cluster-resource-type');
const { EndpointResourceType } = require('@grpc/grpc-js-xds/build/src/xds-resource-type/endpoint-resource-type');

const types = {
  cluster: ClusterResourceType.get(),
  endpoints: EndpointResourceType.get(),
};

const bootstrap = validateBootstrapConfig(JSON.parse(fs.readFileSync(process.argv[2], 'utf8')));
const client = new XdsClient(bootstrap);

function print(line) {
  process.stdout.write(JSON.stringify(line) + '\n');
}

// What the client recorded for the resource (CSDS's view): ACKED with the version of the response that carried it.
function meta(type, name) {
  for (const authority of client.authorityStateMap.values()) {
    const state = authority.resourceMap.get(types[type])?.get(name);
    if (state) {
      return state.meta;
    }
  }
  return {};
}

// Endpoint assignments as plain values: the proto-loader object carries oneof markers and Long-free numbers already.
function endpoints(assignment) {
  return {
    clusterName: assignment.cluster_name,
    endpoints: assignment.endpoints.map((locality) => ({
      locality: {
        region: locality.locality?.region ?? '',
        zone: locality.locality?.zone ?? '',
        subZone: locality.locality?.sub_zone ?? '',
      },
      priority: locality.priority ?? 0,
      weight: locality.load_balancing_weight?.value ?? null,
      addresses: locality.lb_endpoints.map((lb) => ({
        address: lb.endpoint?.address?.socket_address?.address ?? '',
        port: lb.endpoint?.address?.socket_address?.port_value ?? 0,
        weight: lb.load_balancing_weight?.value ?? null,
      })),
    })),
  };
}

function cluster(update) {
  return { name: update.name, type: update.type, edsServiceName: update.edsServiceName ?? null };
}

function watch(spec) {
  const colon = spec.indexOf(':');
  const type = spec.slice(0, colon);
  const name = spec.slice(colon + 1);
  if (!(type in types) || name.length === 0) {
    print({ event: 'usage', details: `not cluster:<name> or endpoints:<name>: ${spec}` });
    return;
  }
  types[type].constructor.startWatch(client, name, new Watcher({
    onResourceChanged: (resource) => {
      const { clientStatus, version } = meta(type, name);
      print({ event: 'changed', type, name, status: clientStatus, version, resource: type === 'cluster' ? cluster(resource) : endpoints(resource) });
    },
    onError: (status) => print({ event: 'error', type, name, details: status.details }),
    onResourceDoesNotExist: () => print({ event: 'missing', type, name }),
  }));
}

process.argv.slice(3).forEach(watch);
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim().length > 0) {
    watch(line.trim());
  }
}).on('close', () => process.exit(0));
