using k8s.Models;

namespace ImageStreamPS.Sandbox.Api.Http;

/// <summary>
/// The protobuf field numbers of the k8s.io/api core/v1 and apps/v1 messages (and apimachinery meta/v1)
/// the sandbox decodes, by the typed model each message becomes (the model gives the JSON names and the
/// value types; the numbers are the wire protocol, from the <c>protobuf:"...,N,..."</c> tags of
/// k8s.io/api types.go). Syntax: <c>json=N</c>; <c>N{...}</c> is an embedded Go struct, a nested message
/// whose fields land in the same JSON object (Probe's ProbeHandler, Volume's VolumeSource);
/// <c>-json=N</c> is read and dropped (a kind's status: create and update ignore it).
/// </summary>
internal static class ProtobufFields
{
    public static readonly IReadOnlyDictionary<Type, string> Messages = new Dictionary<Type, string>
    {
        // apimachinery meta/v1
        [typeof(V1ObjectMeta)] = "name=1 generateName=2 namespace=3 selfLink=4 uid=5 resourceVersion=6 generation=7 creationTimestamp=8 " +
                                 "deletionTimestamp=9 deletionGracePeriodSeconds=10 labels=11 annotations=12 ownerReferences=13 finalizers=14 managedFields=17",
        [typeof(V1OwnerReference)] = "kind=1 name=3 uid=4 apiVersion=5 controller=6 blockOwnerDeletion=7",
        [typeof(V1ManagedFieldsEntry)] = "manager=1 operation=2 apiVersion=3 time=4 fieldsType=6 fieldsV1=7 subresource=8",
        [typeof(V1LabelSelector)] = "matchLabels=1 matchExpressions=2",
        [typeof(V1LabelSelectorRequirement)] = "key=1 operator=2 values=3",

        // apps/v1
        [typeof(V1Deployment)] = "metadata=1 spec=2 -status=3",
        [typeof(V1DeploymentSpec)] = "replicas=1 selector=2 template=3 strategy=4 minReadySeconds=5 revisionHistoryLimit=6 paused=7 progressDeadlineSeconds=9",
        [typeof(V1DeploymentStrategy)] = "type=1 rollingUpdate=2",
        [typeof(V1RollingUpdateDeployment)] = "maxUnavailable=1 maxSurge=2",
        [typeof(V1ReplicaSet)] = "metadata=1 spec=2 -status=3",
        [typeof(V1ReplicaSetSpec)] = "replicas=1 selector=2 template=3 minReadySeconds=4",

        // core/v1 kinds
        [typeof(V1Namespace)] = "metadata=1 spec=2 -status=3",
        [typeof(V1NamespaceSpec)] = "finalizers=1",
        [typeof(V1ConfigMap)] = "metadata=1 data=2 binaryData=3 immutable=4",
        [typeof(V1Secret)] = "metadata=1 data=2 type=3 stringData=4 immutable=5",
        [typeof(V1Pod)] = "metadata=1 spec=2 -status=3",
        [typeof(V1Service)] = "metadata=1 spec=2 -status=3",
        [typeof(V1ServiceSpec)] = "ports=1 selector=2 clusterIP=3 type=4 externalIPs=5 sessionAffinity=7 loadBalancerIP=8 loadBalancerSourceRanges=9 " +
                                  "externalName=10 externalTrafficPolicy=11 healthCheckNodePort=12 publishNotReadyAddresses=13 sessionAffinityConfig=14 " +
                                  "ipFamilyPolicy=17 clusterIPs=18 ipFamilies=19 allocateLoadBalancerNodePorts=20 loadBalancerClass=21 internalTrafficPolicy=22 trafficDistribution=23",
        [typeof(V1ServicePort)] = "name=1 protocol=2 port=3 targetPort=4 nodePort=5 appProtocol=6",
        [typeof(V1SessionAffinityConfig)] = "clientIP=1",
        [typeof(V1ClientIPConfig)] = "timeoutSeconds=1",
        [typeof(V1Endpoints)] = "metadata=1 subsets=2",
        [typeof(V1EndpointSubset)] = "addresses=1 notReadyAddresses=2 ports=3",
        [typeof(V1EndpointAddress)] = "ip=1 targetRef=2 hostname=3 nodeName=4",
        [typeof(Corev1EndpointPort)] = "name=1 port=2 protocol=3 appProtocol=4",
        [typeof(Corev1Event)] = "metadata=1 involvedObject=2 reason=3 message=4 source=5 firstTimestamp=6 lastTimestamp=7 count=8 type=9 " +
                                "eventTime=10 series=11 action=12 related=13 reportingComponent=14 reportingInstance=15",
        [typeof(Corev1EventSeries)] = "count=1 lastObservedTime=2",
        [typeof(V1EventSource)] = "component=1 host=2",
        [typeof(V1ObjectReference)] = "kind=1 namespace=2 name=3 uid=4 apiVersion=5 resourceVersion=6 fieldPath=7",
        [typeof(V1LocalObjectReference)] = "name=1",

        // core/v1 pod template
        [typeof(V1PodTemplateSpec)] = "metadata=1 spec=2",
        [typeof(V1PodSpec)] = "volumes=1 containers=2 restartPolicy=3 terminationGracePeriodSeconds=4 activeDeadlineSeconds=5 dnsPolicy=6 nodeSelector=7 " +
                              "serviceAccountName=8 serviceAccount=9 nodeName=10 hostNetwork=11 hostPID=12 hostIPC=13 securityContext=14 imagePullSecrets=15 " +
                              "hostname=16 subdomain=17 affinity=18 schedulerName=19 initContainers=20 automountServiceAccountToken=21 tolerations=22 " +
                              "hostAliases=23 priorityClassName=24 priority=25 dnsConfig=26 shareProcessNamespace=27 readinessGates=28 runtimeClassName=29 " +
                              "enableServiceLinks=30 preemptionPolicy=31 overhead=32 topologySpreadConstraints=33 setHostnameAsFQDN=35 os=36 hostUsers=37 " +
                              "schedulingGates=38 resources=40 hostnameOverride=41",
        [typeof(V1Container)] = "name=1 image=2 command=3 args=4 workingDir=5 ports=6 env=7 resources=8 volumeMounts=9 livenessProbe=10 readinessProbe=11 " +
                                "lifecycle=12 terminationMessagePath=13 imagePullPolicy=14 securityContext=15 stdin=16 stdinOnce=17 tty=18 envFrom=19 " +
                                "terminationMessagePolicy=20 volumeDevices=21 startupProbe=22 resizePolicy=23 restartPolicy=24",
        [typeof(V1ContainerPort)] = "name=1 hostPort=2 containerPort=3 protocol=4 hostIP=5",
        [typeof(V1ContainerResizePolicy)] = "resourceName=1 restartPolicy=2",
        [typeof(V1EnvVar)] = "name=1 value=2 valueFrom=3",
        [typeof(V1EnvVarSource)] = "fieldRef=1 resourceFieldRef=2 configMapKeyRef=3 secretKeyRef=4",
        [typeof(V1ObjectFieldSelector)] = "apiVersion=1 fieldPath=2",
        [typeof(V1ResourceFieldSelector)] = "containerName=1 resource=2 divisor=3",
        [typeof(V1ConfigMapKeySelector)] = "1{name=1} key=2 optional=3",
        [typeof(V1SecretKeySelector)] = "1{name=1} key=2 optional=3",
        [typeof(V1EnvFromSource)] = "prefix=1 configMapRef=2 secretRef=3",
        [typeof(V1ConfigMapEnvSource)] = "1{name=1} optional=2",
        [typeof(V1SecretEnvSource)] = "1{name=1} optional=2",
        [typeof(V1ResourceRequirements)] = "limits=1 requests=2 claims=3",
        [typeof(Corev1ResourceClaim)] = "name=1 request=2",
        [typeof(V1VolumeMount)] = "name=1 readOnly=2 mountPath=3 subPath=4 mountPropagation=5 subPathExpr=6 recursiveReadOnly=7",
        [typeof(V1VolumeDevice)] = "name=1 devicePath=2",
        [typeof(V1Probe)] = "1{exec=1 httpGet=2 tcpSocket=3 grpc=4} initialDelaySeconds=2 timeoutSeconds=3 periodSeconds=4 successThreshold=5 " +
                            "failureThreshold=6 terminationGracePeriodSeconds=7",
        [typeof(V1ExecAction)] = "command=1",
        [typeof(V1HTTPGetAction)] = "path=1 port=2 host=3 scheme=4 httpHeaders=5",
        [typeof(V1HTTPHeader)] = "name=1 value=2",
        [typeof(V1TCPSocketAction)] = "port=1 host=2",
        [typeof(V1GRPCAction)] = "port=1 service=2",
        [typeof(V1Lifecycle)] = "postStart=1 preStop=2 stopSignal=3",
        [typeof(V1LifecycleHandler)] = "exec=1 httpGet=2 tcpSocket=3 sleep=4",
        [typeof(V1SleepAction)] = "seconds=1",
        [typeof(V1SecurityContext)] = "capabilities=1 privileged=2 seLinuxOptions=3 runAsUser=4 runAsNonRoot=5 readOnlyRootFilesystem=6 " +
                                      "allowPrivilegeEscalation=7 runAsGroup=8 procMount=9 windowsOptions=10 seccompProfile=11 appArmorProfile=12",
        [typeof(V1PodSecurityContext)] = "seLinuxOptions=1 runAsUser=2 runAsNonRoot=3 supplementalGroups=4 fsGroup=5 runAsGroup=6 sysctls=7 " +
                                         "windowsOptions=8 fsGroupChangePolicy=9 seccompProfile=10 appArmorProfile=11 supplementalGroupsPolicy=12 seLinuxChangePolicy=13",
        [typeof(V1Capabilities)] = "add=1 drop=2",
        [typeof(V1SELinuxOptions)] = "user=1 role=2 type=3 level=4",
        [typeof(V1SeccompProfile)] = "type=1 localhostProfile=2",
        [typeof(V1AppArmorProfile)] = "type=1 localhostProfile=2",
        [typeof(V1WindowsSecurityContextOptions)] = "gmsaCredentialSpecName=1 gmsaCredentialSpec=2 runAsUserName=3 hostProcess=4",
        [typeof(V1Sysctl)] = "name=1 value=2",
        [typeof(V1Toleration)] = "key=1 operator=2 value=3 effect=4 tolerationSeconds=5",
        [typeof(V1HostAlias)] = "ip=1 hostnames=2",
        [typeof(V1PodDNSConfig)] = "nameservers=1 searches=2 options=3",
        [typeof(V1PodDNSConfigOption)] = "name=1 value=2",
        [typeof(V1PodReadinessGate)] = "conditionType=1",
        [typeof(V1PodOS)] = "name=1",
        [typeof(V1PodSchedulingGate)] = "name=1",
        [typeof(V1TopologySpreadConstraint)] = "maxSkew=1 topologyKey=2 whenUnsatisfiable=3 labelSelector=4 minDomains=5 nodeAffinityPolicy=6 " +
                                               "nodeTaintsPolicy=7 matchLabelKeys=8",
        [typeof(V1Affinity)] = "nodeAffinity=1 podAffinity=2 podAntiAffinity=3",
        [typeof(V1NodeAffinity)] = "requiredDuringSchedulingIgnoredDuringExecution=1 preferredDuringSchedulingIgnoredDuringExecution=2",
        [typeof(V1NodeSelector)] = "nodeSelectorTerms=1",
        [typeof(V1NodeSelectorTerm)] = "matchExpressions=1 matchFields=2",
        [typeof(V1NodeSelectorRequirement)] = "key=1 operator=2 values=3",
        [typeof(V1PreferredSchedulingTerm)] = "weight=1 preference=2",
        [typeof(V1PodAffinity)] = "requiredDuringSchedulingIgnoredDuringExecution=1 preferredDuringSchedulingIgnoredDuringExecution=2",
        [typeof(V1PodAntiAffinity)] = "requiredDuringSchedulingIgnoredDuringExecution=1 preferredDuringSchedulingIgnoredDuringExecution=2",
        [typeof(V1PodAffinityTerm)] = "labelSelector=1 topologyKey=2 namespaces=3 namespaceSelector=4 matchLabelKeys=5 mismatchLabelKeys=6",
        [typeof(V1WeightedPodAffinityTerm)] = "weight=1 podAffinityTerm=2",

        // core/v1 volumes
        [typeof(V1Volume)] = "name=1 2{hostPath=1 emptyDir=2 secret=6 nfs=7 persistentVolumeClaim=10 downwardAPI=16 configMap=19 projected=26 image=30}",
        [typeof(V1HostPathVolumeSource)] = "path=1 type=2",
        [typeof(V1EmptyDirVolumeSource)] = "medium=1 sizeLimit=2",
        [typeof(V1SecretVolumeSource)] = "secretName=1 items=2 defaultMode=3 optional=4",
        [typeof(V1NFSVolumeSource)] = "server=1 path=2 readOnly=3",
        [typeof(V1PersistentVolumeClaimVolumeSource)] = "claimName=1 readOnly=2",
        [typeof(V1DownwardAPIVolumeSource)] = "items=1 defaultMode=2",
        [typeof(V1DownwardAPIVolumeFile)] = "path=1 fieldRef=2 resourceFieldRef=3 mode=4",
        [typeof(V1ConfigMapVolumeSource)] = "1{name=1} items=2 defaultMode=3 optional=4",
        [typeof(V1KeyToPath)] = "key=1 path=2 mode=3",
        [typeof(V1ProjectedVolumeSource)] = "sources=1 defaultMode=2",
        [typeof(V1VolumeProjection)] = "secret=1 downwardAPI=2 configMap=3 serviceAccountToken=4",
        [typeof(V1SecretProjection)] = "1{name=1} items=2 optional=4",
        [typeof(V1ConfigMapProjection)] = "1{name=1} items=2 optional=4",
        [typeof(V1DownwardAPIProjection)] = "items=1",
        [typeof(V1ServiceAccountTokenProjection)] = "audience=1 expirationSeconds=2 path=3",
        [typeof(V1ImageVolumeSource)] = "reference=1 pullPolicy=2",
    };

    /// <summary>Fields that are metav1.MicroTime (microseconds in JSON) rather than metav1.Time.</summary>
    public static readonly IReadOnlySet<(Type, string)> MicroTimes = new HashSet<(Type, string)>
    {
        (typeof(Corev1Event), "eventTime"), (typeof(Corev1EventSeries), "lastObservedTime"),
    };
}
