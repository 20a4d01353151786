namespace ImageStreamPS.OpenShift.Tests.Api;

/// <summary>The object shapes of openshift-image-api.md §2.1 and §2.4 with the tutorial's digests filled in.</summary>
internal static class GoldenShapes
{
    public const string V1 = "sha256:42b6ff31b8a86e292f5d4aec63eb074144fc134a427d465c77c641e836467a85";
    public const string V2 = "sha256:eae3f65c7760f3834cd08affead4c8972534948b4c73156485e89ea8b9d6ed2d";

    public const string TutorialImageStream = """
        {
          "kind": "ImageStream",
          "apiVersion": "image.openshift.io/v1",
          "metadata": {
            "name": "citas",
            "namespace": "NS",
            "uid": "5c2b0a4e-9a83-4a4b-8d57-8a1f0f6f4f11",
            "resourceVersion": "123456",
            "generation": 5,
            "creationTimestamp": "2024-02-20T10:00:00Z",
            "annotations": { "openshift.io/image.dockerRepositoryCheck": "2024-02-20T10:00:17Z" }
          },
          "spec": {
            "lookupPolicy": { "local": false },
            "tags": [
              { "name": "latest", "annotations": null,
                "from": { "kind": "ImageStreamImage", "name": "citas@sha256:eae3f65c7760f3834cd08affead4c8972534948b4c73156485e89ea8b9d6ed2d" },
                "generation": 4, "importPolicy": { "importMode": "Legacy" }, "referencePolicy": { "type": "Source" } },
              { "name": "prod", "annotations": null,
                "from": { "kind": "ImageStreamImage", "name": "citas@sha256:42b6ff31b8a86e292f5d4aec63eb074144fc134a427d465c77c641e836467a85" },
                "generation": 5, "importPolicy": { "importMode": "Legacy" }, "referencePolicy": { "type": "Source" } },
              { "name": "v1", "annotations": null,
                "from": { "kind": "DockerImage", "name": "docker.io/josedom24/citas-backend:v1" },
                "generation": 2, "importPolicy": { "importMode": "Legacy" }, "referencePolicy": { "type": "Source" } },
              { "name": "v2", "annotations": null,
                "from": { "kind": "DockerImage", "name": "docker.io/josedom24/citas-backend:v2" },
                "generation": 3, "importPolicy": { "importMode": "Legacy" }, "referencePolicy": { "type": "Source" } }
            ]
          },
          "status": {
            "dockerImageRepository": "image-registry.openshift-image-registry.svc:5000/NS/citas",
            "publicDockerImageRepository": "default-route-openshift-image-registry.apps-crc.testing/NS/citas",
            "tags": [
              { "tag": "latest", "items": [ { "created": "2024-02-20T10:05:00Z",
                  "dockerImageReference": "docker.io/josedom24/citas-backend@sha256:eae3f65c7760f3834cd08affead4c8972534948b4c73156485e89ea8b9d6ed2d",
                  "image": "sha256:eae3f65c7760f3834cd08affead4c8972534948b4c73156485e89ea8b9d6ed2d", "generation": 4 } ] },
              { "tag": "prod", "items": [ { "created": "2024-02-20T10:06:00Z",
                  "dockerImageReference": "docker.io/josedom24/citas-backend@sha256:42b6ff31b8a86e292f5d4aec63eb074144fc134a427d465c77c641e836467a85",
                  "image": "sha256:42b6ff31b8a86e292f5d4aec63eb074144fc134a427d465c77c641e836467a85", "generation": 5 } ] },
              { "tag": "v1", "items": [ { "created": "2024-02-20T10:00:17Z",
                  "dockerImageReference": "docker.io/josedom24/citas-backend@sha256:42b6ff31b8a86e292f5d4aec63eb074144fc134a427d465c77c641e836467a85",
                  "image": "sha256:42b6ff31b8a86e292f5d4aec63eb074144fc134a427d465c77c641e836467a85", "generation": 2 } ] },
              { "tag": "v2", "items": [ { "created": "2024-02-20T10:01:00Z",
                  "dockerImageReference": "docker.io/josedom24/citas-backend@sha256:eae3f65c7760f3834cd08affead4c8972534948b4c73156485e89ea8b9d6ed2d",
                  "image": "sha256:eae3f65c7760f3834cd08affead4c8972534948b4c73156485e89ea8b9d6ed2d", "generation": 3 } ] }
            ]
          }
        }
        """;

    public const string TutorialImageStreamTag = """
        {
          "kind": "ImageStreamTag", "apiVersion": "image.openshift.io/v1",
          "metadata": { "name": "citas:v1", "namespace": "NS", "uid": "5c2b0a4e-9a83-4a4b-8d57-8a1f0f6f4f11",
                        "resourceVersion": "123456", "creationTimestamp": "2024-02-20T10:00:17Z" },
          "tag": { "name": "v1", "annotations": null,
                   "from": { "kind": "DockerImage", "name": "docker.io/josedom24/citas-backend:v1" },
                   "generation": 2, "importPolicy": { "importMode": "Legacy" }, "referencePolicy": { "type": "Source" } },
          "generation": 2,
          "lookupPolicy": { "local": false },
          "image": { "metadata": { "name": "sha256:42b6ff31b8a86e292f5d4aec63eb074144fc134a427d465c77c641e836467a85", "uid": "0e5c260b-4c71-11e8-b942-fa163ec407ed", "resourceVersion": "120000", "creationTimestamp": "2024-02-20T10:00:17Z",
                                   "annotations": { "image.openshift.io/dockerLayersOrder": "ascending" } },
                     "dockerImageReference": "docker.io/josedom24/citas-backend@sha256:42b6ff31b8a86e292f5d4aec63eb074144fc134a427d465c77c641e836467a85",
                     "dockerImageMetadata": { "kind": "DockerImage", "apiVersion": "image.openshift.io/1.0",
                                              "Id": "sha256:9f2a0d3c1b7e6a5d4c3b2a190817263544536271809a8b7c6d5e4f3a2b1c0d9e", "Created": "2023-03-01T09:00:00Z", "ContainerConfig": {},
                                              "Config": { "ExposedPorts": { "10000/tcp": {} }, "Env": ["PATH=/usr/local/bin:/usr/bin"], "Cmd": ["python3", "app.py"], "WorkingDir": "/app", "Labels": { "version": "v1" } },
                                              "Architecture": "amd64", "Size": 51234567 },
                     "dockerImageMetadataVersion": "1.0",
                     "dockerImageLayers": [ { "name": "sha256:1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809", "size": 29123456, "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip" } ],
                     "dockerImageManifestMediaType": "application/vnd.docker.distribution.manifest.v2+json" }
        }
        """;
}
