using k8s.Models;
using RulesMesh.Loading;
using RulesMesh.Models.NetworkingIstioIo.V1;
using RulesMesh.Tests.Support;

namespace RulesMesh.Tests.Loading;

/// <summary>
/// A field Kubernetes does not know (kubectl's strict field validation refuses it: <c>unknown field "spec.selectr"</c>)
/// is a warning at the field, in a core kind's object and in the metadata or top level of any kind; the object is still
/// loaded as before. Fields Kubernetes writes itself (managedFields, status, ...) are known and never reported.
/// </summary>
public sealed class UnknownFieldWarningTests
{
    [Fact]
    public void A_typo_in_a_Service_spec_is_a_warning_at_the_field_and_the_Service_still_loads()
    {
        var text = """
            apiVersion: v1
            kind: Service
            metadata:
              name: reviews
              namespace: bookinfo
            spec:
              selectr:
                app: reviews
              ports:
              - port: 9080
            """;

        var result = new ManifestLoader().LoadText(text, "svc.yaml");

        var service = Assert.Single(result.Objects<V1Service>());
        Assert.Null(service.Spec.Selector);
        Assert.Equal(9080, service.Spec.Ports[0].Port);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(
            "svc.yaml:7:3: warning: Service reviews has a field spec.selectr that Kubernetes does not know; it is ignored. (at spec.selectr)",
            warning.ToString());
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal("spec.selectr", warning.FieldPath);
    }

    [Fact]
    public void A_typo_in_a_Service_metadata_is_a_warning_and_the_labels_it_meant_are_not_read()
    {
        var text = """
            apiVersion: v1
            kind: Service
            metadata:
              name: reviews
              namespace: bookinfo
              lables:
                istio.io/use-waypoint: waypoint
            spec:
              ports:
              - port: 9080
            """;

        var result = new ManifestLoader().LoadText(text, "svc.yaml");

        var service = Assert.Single(result.Objects<V1Service>());
        Assert.Null(service.Metadata.Labels);
        Assert.Equal(
            "svc.yaml:6:3: warning: Service reviews has a field metadata.lables that Kubernetes does not know; it is ignored. (at metadata.lables)",
            Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void A_typo_in_the_metadata_of_a_ServiceEntry_is_a_warning_as_for_a_core_kind()
    {
        var text = """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata:
              name: external
              namespace: bookinfo
              lables:
                istio.io/use-waypoint: waypoint
            spec:
              hosts: [api.example.com]
              ports: [{number: 443, name: https, protocol: HTTPS}]
              resolution: DNS
            """;

        var result = new ManifestLoader().LoadText(text, "se.yaml");

        var entry = Assert.Single(result.Objects<ServiceEntry>());
        Assert.Null(entry.Metadata.Labels);
        Assert.Equal(["api.example.com"], entry.Spec!.Hosts!);
        Assert.Equal(
            "se.yaml:6:3: warning: ServiceEntry external has a field metadata.lables that Kubernetes does not know; it is ignored. (at metadata.lables)",
            Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void A_typo_in_a_ServiceEntry_spec_is_still_the_schema_error_it_was()
    {
        var text = """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: external, namespace: bookinfo}
            spec:
              hosts: [api.example.com]
              portz: []
            """;

        var result = new ManifestLoader().LoadText(text, "se.yaml");

        Assert.Empty(result.Resources);
        Assert.Equal(
            "se.yaml:6:3: error: ServiceEntry external breaks its schema: spec.portz is not a field of this kind's schema. (at spec.portz)",
            Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void A_typo_at_the_top_level_of_a_core_object_is_a_warning_at_its_key()
    {
        var text = """
            apiVersion: v1
            kind: Service
            metadata: {name: reviews, namespace: bookinfo}
            specs:
              selector: {app: reviews}
            """;

        var result = new ManifestLoader().LoadText(text, "svc.yaml");

        var service = Assert.Single(result.Objects<V1Service>());
        Assert.Null(service.Spec);
        Assert.Equal(
            "svc.yaml:4:1: warning: Service reviews has a field specs that Kubernetes does not know; it is ignored. (at specs)",
            Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void Every_unknown_field_of_one_object_is_reported_in_the_order_written_nested_ones_with_their_list_index()
    {
        var text = """
            apiVersion: v1
            kind: Service
            metadata:
              name: reviews
              namespace: bookinfo
              lables: {app: reviews}
            spec:
              selectr: {app: reviews}
              ports:
              - port: 9080
                name: http
              - port: 9090
                portt: 80
                targetPortt: 9090
            extra: true
            """;

        var result = new ManifestLoader().LoadText(text, "svc.yaml");

        var service = Assert.Single(result.Objects<V1Service>());
        Assert.Equal(9090, service.Spec.Ports[1].Port);
        Assert.Equal(
            [
                "svc.yaml:6:3: warning: Service reviews has a field metadata.lables that Kubernetes does not know; it is ignored. (at metadata.lables)",
                "svc.yaml:8:3: warning: Service reviews has a field spec.selectr that Kubernetes does not know; it is ignored. (at spec.selectr)",
                "svc.yaml:13:5: warning: Service reviews has a field spec.ports[1].portt that Kubernetes does not know; it is ignored. (at spec.ports[1].portt)",
                "svc.yaml:14:5: warning: Service reviews has a field spec.ports[1].targetPortt that Kubernetes does not know; it is ignored. (at spec.ports[1].targetPortt)",
                "svc.yaml:15:1: warning: Service reviews has a field extra that Kubernetes does not know; it is ignored. (at extra)",
            ],
            result.Diagnostics.Select(static d => d.ToString()));
    }

    [Fact]
    public void A_nested_unknown_field_in_flow_style_is_located_in_the_line_it_is_on()
    {
        // Flow style is read by the general YAML reader rather than the block-style one.
        var text = """
            apiVersion: v1
            kind: Service
            metadata: {name: reviews, namespace: bookinfo}
            spec: {ports: [{port: 9080, portt: 80}]}
            """;

        AssertLoadedWithOneWarning<V1Service>(text, "svc.yaml", "svc.yaml:4:29: warning: Service reviews has a field spec.ports[0].portt that Kubernetes does not know; it is ignored. (at spec.ports[0].portt)");
    }

    [Fact]
    public void An_unknown_field_of_an_item_of_a_List_is_located_in_the_List_file()
    {
        var text = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Pod
              metadata: {name: reviews-1, namespace: bookinfo}
              spec:
                containers: [{name: reviews, image: reviews}]
                nodeNme: kind-worker
            """;

        AssertLoadedWithOneWarning<V1Pod>(text, "list.yaml", "list.yaml:9:5: warning: Pod reviews-1 has a field spec.nodeNme that Kubernetes does not know; it is ignored. (at spec.nodeNme)");
    }

    [Fact]
    public void An_unknown_field_in_a_core_object_status_is_not_reported_and_the_status_is_still_read()
    {
        // A cluster writes status; a field there the model lacks is a newer Kubernetes, not a typo.
        var text = """
            apiVersion: v1
            kind: Pod
            metadata: {name: reviews-1, namespace: bookinfo}
            spec:
              containers: [{name: reviews, image: reviews}]
            status:
              podIP: 10.244.1.7
              someFutureField: {enabled: true}
            """;

        var result = new ManifestLoader().LoadText(text, "pod.yaml");

        Assert.Equal("10.244.1.7", Assert.Single(result.Objects<V1Pod>()).Status.PodIP);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void A_document_without_unknown_fields_is_still_read_without_a_tree_and_one_with_them_is_not()
    {
        var text = """
            apiVersion: v1
            kind: Service
            metadata: {name: a, namespace: bookinfo}
            spec: {ports: [{port: 80}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: b, namespace: bookinfo}
            spec: {ports: [{port: 80, portt: 81}]}
            """;

        var result = new ManifestLoader().LoadText(text, "svc.yaml");

        Assert.Equal(2, result.Objects<V1Service>().Count());
        Assert.Equal(1, result.DocumentsReadWithoutTree);
        Assert.Equal("spec.ports[0].portt", Assert.Single(result.Diagnostics).FieldPath);
    }

    [Fact]
    public void Kubectl_get_output_with_managed_fields_owner_references_and_status_loads_without_a_warning()
    {
        var result = new ManifestLoader().LoadText(KubectlGetOutput, "kubectl-get.yaml");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(
            ["Pod", "Service", "Service", "Node", "Namespace", "EndpointSlice", "ConfigMap", "Secret"],
            result.Resources.Select(static r => r.Object.Kind));
        var pod = Assert.Single(result.Objects<V1Pod>());
        Assert.Equal("ReplicaSet", pod.Metadata.OwnerReferences[0].Kind);
        Assert.Equal(2, pod.Metadata.ManagedFields.Count);
        Assert.Equal("10.244.1.7", pod.Status.PodIP);
    }

    [Fact]
    public void The_repository_samples_and_the_kgateway_conformance_inputs_have_no_unknown_field()
    {
        var paths = new List<string> { RepositoryPaths.Samples };
        if (Directory.Exists(RepositoryPaths.KgatewayConformance))
        {
            paths.Add(RepositoryPaths.KgatewayConformance);
        }

        var result = new ManifestLoader().LoadPaths(paths);

        Assert.DoesNotContain(result.Diagnostics, static d => d.Message.Contains("that Kubernetes does not know", StringComparison.Ordinal));
    }

    // What `kubectl get pod,svc,node,ns,endpointslice,cm,secret -o yaml` writes for a kind cluster (Kubernetes 1.31),
    // cut to one object of each kind and a LoadBalancer Service, with every field Kubernetes fills in kept.
    private const string KubectlGetOutput = """
        apiVersion: v1
        items:
        - apiVersion: v1
          kind: Pod
          metadata:
            annotations:
              kubectl.kubernetes.io/restartedAt: "2024-09-01T10:00:00Z"
            creationTimestamp: "2024-09-01T10:00:05Z"
            generateName: reviews-v1-5b9d6c7f8d-
            labels:
              app: reviews
              pod-template-hash: 5b9d6c7f8d
              version: v1
            managedFields:
            - apiVersion: v1
              fieldsType: FieldsV1
              fieldsV1:
                f:metadata:
                  f:generateName: {}
                  f:labels:
                    .: {}
                    f:app: {}
                  f:ownerReferences:
                    .: {}
                    k:{"uid":"0d4c6e1a-52f1-4d0e-9b43-6f3c1f0a8e21"}: {}
                f:spec:
                  f:containers:
                    k:{"name":"reviews"}:
                      .: {}
                      f:image: {}
                      f:name: {}
              manager: kube-controller-manager
              operation: Update
              time: "2024-09-01T10:00:05Z"
            - apiVersion: v1
              fieldsType: FieldsV1
              fieldsV1:
                f:status:
                  f:conditions:
                    k:{"type":"Ready"}:
                      .: {}
                      f:status: {}
                  f:podIP: {}
              manager: kubelet
              operation: Update
              subresource: status
              time: "2024-09-01T10:00:09Z"
            name: reviews-v1-5b9d6c7f8d-x2xkq
            namespace: bookinfo
            ownerReferences:
            - apiVersion: apps/v1
              blockOwnerDeletion: true
              controller: true
              kind: ReplicaSet
              name: reviews-v1-5b9d6c7f8d
              uid: 0d4c6e1a-52f1-4d0e-9b43-6f3c1f0a8e21
            resourceVersion: "4821"
            uid: 6f1e2b7c-9a0d-4c55-8f7e-2d1b3c4a5e6f
          spec:
            containers:
            - env:
              - name: LOG_DIR
                value: /tmp/logs
              image: docker.io/istio/examples-bookinfo-reviews-v1:1.20.2
              imagePullPolicy: IfNotPresent
              name: reviews
              ports:
              - containerPort: 9080
                protocol: TCP
              readinessProbe:
                failureThreshold: 3
                httpGet:
                  path: /health
                  port: 9080
                  scheme: HTTP
                periodSeconds: 10
                successThreshold: 1
                timeoutSeconds: 1
              resources: {}
              securityContext:
                runAsUser: 1000
              terminationMessagePath: /dev/termination-log
              terminationMessagePolicy: File
              volumeMounts:
              - mountPath: /tmp
                name: tmp
              - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
                name: kube-api-access-7b2xq
                readOnly: true
            dnsPolicy: ClusterFirst
            enableServiceLinks: true
            nodeName: kind-worker
            preemptionPolicy: PreemptLowerPriority
            priority: 0
            restartPolicy: Always
            schedulerName: default-scheduler
            securityContext: {}
            serviceAccount: bookinfo-reviews
            serviceAccountName: bookinfo-reviews
            terminationGracePeriodSeconds: 30
            tolerations:
            - effect: NoExecute
              key: node.kubernetes.io/not-ready
              operator: Exists
              tolerationSeconds: 300
            volumes:
            - emptyDir: {}
              name: tmp
            - name: kube-api-access-7b2xq
              projected:
                defaultMode: 420
                sources:
                - serviceAccountToken:
                    expirationSeconds: 3607
                    path: token
                - configMap:
                    items:
                    - key: ca.crt
                      path: ca.crt
                    name: kube-root-ca.crt
                - downwardAPI:
                    items:
                    - fieldRef:
                        apiVersion: v1
                        fieldPath: metadata.namespace
                      path: namespace
          status:
            conditions:
            - lastProbeTime: null
              lastTransitionTime: "2024-09-01T10:00:08Z"
              status: "True"
              type: PodReadyToStartContainers
            - lastProbeTime: null
              lastTransitionTime: "2024-09-01T10:00:05Z"
              status: "True"
              type: Initialized
            - lastProbeTime: null
              lastTransitionTime: "2024-09-01T10:00:09Z"
              status: "True"
              type: Ready
            containerStatuses:
            - containerID: containerd://4b1f0c6b2a
              image: docker.io/istio/examples-bookinfo-reviews-v1:1.20.2
              imageID: docker.io/istio/examples-bookinfo-reviews-v1@sha256:5f2d3e
              lastState: {}
              name: reviews
              ready: true
              restartCount: 0
              started: true
              state:
                running:
                  startedAt: "2024-09-01T10:00:08Z"
              volumeMounts:
              - mountPath: /tmp
                name: tmp
            hostIP: 172.18.0.3
            hostIPs:
            - ip: 172.18.0.3
            phase: Running
            podIP: 10.244.1.7
            podIPs:
            - ip: 10.244.1.7
            qosClass: BestEffort
            startTime: "2024-09-01T10:00:05Z"
        - apiVersion: v1
          kind: Service
          metadata:
            annotations:
              kubectl.kubernetes.io/last-applied-configuration: |
                {"apiVersion":"v1","kind":"Service","metadata":{"annotations":{},"labels":{"app":"reviews","service":"reviews"},"name":"reviews","namespace":"bookinfo"},"spec":{"ports":[{"name":"http","port":9080}],"selector":{"app":"reviews"}}}
            creationTimestamp: "2024-09-01T10:00:01Z"
            labels:
              app: reviews
              service: reviews
            managedFields:
            - apiVersion: v1
              fieldsType: FieldsV1
              fieldsV1:
                f:metadata:
                  f:annotations:
                    .: {}
                    f:kubectl.kubernetes.io/last-applied-configuration: {}
                f:spec:
                  f:ports:
                    .: {}
                    k:{"port":9080,"protocol":"TCP"}:
                      .: {}
                      f:name: {}
              manager: kubectl-client-side-apply
              operation: Update
              time: "2024-09-01T10:00:01Z"
            name: reviews
            namespace: bookinfo
            resourceVersion: "4701"
            uid: 3a9b1c2d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
          spec:
            clusterIP: 10.96.120.7
            clusterIPs:
            - 10.96.120.7
            internalTrafficPolicy: Cluster
            ipFamilies:
            - IPv4
            ipFamilyPolicy: SingleStack
            ports:
            - name: http
              port: 9080
              protocol: TCP
              targetPort: 9080
            selector:
              app: reviews
            sessionAffinity: None
            type: ClusterIP
          status:
            loadBalancer: {}
        - apiVersion: v1
          kind: Service
          metadata:
            creationTimestamp: "2024-09-01T10:00:02Z"
            finalizers:
            - service.kubernetes.io/load-balancer-cleanup
            labels:
              gateway.networking.k8s.io/gateway-name: ingress
            name: ingress
            namespace: bookinfo
            ownerReferences:
            - apiVersion: gateway.networking.k8s.io/v1
              kind: Gateway
              name: ingress
              uid: 1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e
            resourceVersion: "4790"
            uid: 7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f
          spec:
            allocateLoadBalancerNodePorts: true
            clusterIP: 10.96.33.12
            clusterIPs:
            - 10.96.33.12
            externalTrafficPolicy: Cluster
            internalTrafficPolicy: Cluster
            ipFamilies:
            - IPv4
            ipFamilyPolicy: SingleStack
            ports:
            - appProtocol: http
              name: http
              nodePort: 31380
              port: 80
              protocol: TCP
              targetPort: 8080
            selector:
              gateway.networking.k8s.io/gateway-name: ingress
            sessionAffinity: None
            type: LoadBalancer
          status:
            loadBalancer:
              ingress:
              - ip: 172.18.255.200
                ipMode: VIP
        - apiVersion: v1
          kind: Node
          metadata:
            annotations:
              kubeadm.alpha.kubernetes.io/cri-socket: unix:///run/containerd/containerd.sock
              node.alpha.kubernetes.io/ttl: "0"
              volumes.kubernetes.io/controller-managed-attach-detach: "true"
            creationTimestamp: "2024-09-01T09:58:00Z"
            labels:
              beta.kubernetes.io/arch: amd64
              beta.kubernetes.io/os: linux
              kubernetes.io/arch: amd64
              kubernetes.io/hostname: kind-worker
              kubernetes.io/os: linux
              topology.kubernetes.io/zone: zone-a
            name: kind-worker
            resourceVersion: "4650"
            uid: 9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a
          spec:
            podCIDR: 10.244.1.0/24
            podCIDRs:
            - 10.244.1.0/24
            providerID: kind://docker/kind/kind-worker
          status:
            addresses:
            - address: 172.18.0.3
              type: InternalIP
            - address: kind-worker
              type: Hostname
            allocatable:
              cpu: "8"
              ephemeral-storage: 102626232Ki
              hugepages-2Mi: "0"
              memory: 32810976Ki
              pods: "110"
            capacity:
              cpu: "8"
              ephemeral-storage: 102626232Ki
              hugepages-2Mi: "0"
              memory: 32810976Ki
              pods: "110"
            conditions:
            - lastHeartbeatTime: "2024-09-01T10:05:00Z"
              lastTransitionTime: "2024-09-01T09:58:00Z"
              message: kubelet is posting ready status
              reason: KubeletReady
              status: "True"
              type: Ready
            daemonEndpoints:
              kubeletEndpoint:
                Port: 10250
            images:
            - names:
              - docker.io/istio/examples-bookinfo-reviews-v1@sha256:5f2d3e
              - docker.io/istio/examples-bookinfo-reviews-v1:1.20.2
              sizeBytes: 455618286
            nodeInfo:
              architecture: amd64
              bootID: 2f1e0d9c-8b7a-4c6d-9e5f-4a3b2c1d0e9f
              containerRuntimeVersion: containerd://1.7.18
              kernelVersion: 6.8.0-41-generic
              kubeProxyVersion: v1.31.0
              kubeletVersion: v1.31.0
              machineID: 5e4d3c2b1a0f4e9d8c7b6a5f4e3d2c1b
              operatingSystem: linux
              osImage: Debian GNU/Linux 12 (bookworm)
              systemUUID: 5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b
            runtimeHandlers:
            - features:
                recursiveReadOnlyMounts: true
                userNamespaces: true
              name: runc
        - apiVersion: v1
          kind: Namespace
          metadata:
            creationTimestamp: "2024-09-01T09:59:00Z"
            labels:
              istio.io/dataplane-mode: ambient
              istio.io/use-waypoint: waypoint
              kubernetes.io/metadata.name: bookinfo
            name: bookinfo
            resourceVersion: "4500"
            uid: 4c3b2a1f-0e9d-4c8b-a7f6-e5d4c3b2a1f0
          spec:
            finalizers:
            - kubernetes
          status:
            phase: Active
        - addressType: IPv4
          apiVersion: discovery.k8s.io/v1
          endpoints:
          - addresses:
            - 10.244.1.7
            conditions:
              ready: true
              serving: true
              terminating: false
            nodeName: kind-worker
            targetRef:
              kind: Pod
              name: reviews-v1-5b9d6c7f8d-x2xkq
              namespace: bookinfo
              uid: 6f1e2b7c-9a0d-4c55-8f7e-2d1b3c4a5e6f
            zone: zone-a
          kind: EndpointSlice
          metadata:
            annotations:
              endpoints.kubernetes.io/last-change-trigger-time: "2024-09-01T10:00:09Z"
            creationTimestamp: "2024-09-01T10:00:01Z"
            generateName: reviews-
            generation: 3
            labels:
              endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io
              kubernetes.io/service-name: reviews
            name: reviews-7xk2p
            namespace: bookinfo
            ownerReferences:
            - apiVersion: v1
              blockOwnerDeletion: true
              controller: true
              kind: Service
              name: reviews
              uid: 3a9b1c2d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
            resourceVersion: "4822"
            uid: 8e7d6c5b-4a3f-4e2d-9c1b-0a9f8e7d6c5b
          ports:
          - name: http
            port: 9080
            protocol: TCP
        - apiVersion: v1
          data:
            ca.crt: |
              -----BEGIN CERTIFICATE-----
              MIIB
              -----END CERTIFICATE-----
          kind: ConfigMap
          metadata:
            annotations:
              kubernetes.io/description: Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.
            creationTimestamp: "2024-09-01T09:59:00Z"
            name: kube-root-ca.crt
            namespace: bookinfo
            resourceVersion: "4501"
            uid: 2b1a0f9e-8d7c-4b6a-9f5e-4d3c2b1a0f9e
        - apiVersion: v1
          data:
            tls.crt: TUlJQg==
            tls.key: TUlJRQ==
          immutable: false
          kind: Secret
          metadata:
            creationTimestamp: "2024-09-01T10:00:00Z"
            deletionGracePeriodSeconds: 0
            deletionTimestamp: "2024-09-01T11:00:00Z"
            finalizers:
            - example.com/keep
            name: backend-tls
            namespace: bookinfo
            resourceVersion: "4600"
            uid: 1f0e9d8c-7b6a-4f5e-8d4c-3b2a1f0e9d8c
          type: kubernetes.io/tls
        kind: List
        metadata:
          resourceVersion: ""
        """;

    private static void AssertLoadedWithOneWarning<T>(string text, string sourceName, string warning)
        where T : class, k8s.IKubernetesObject<k8s.Models.V1ObjectMeta>
    {
        var result = new ManifestLoader().LoadText(text, sourceName);

        Assert.Single(result.Objects<T>());
        Assert.Equal(warning, Assert.Single(result.Diagnostics).ToString());
    }
}
