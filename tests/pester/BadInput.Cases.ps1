# The bad-input table BadInput.Tests.ps1 runs (#12). One hashtable a case:
#   Cmdlet:   Name, Script, Category (ErrorCategory), ErrorId (FullyQualifiedErrorId before the comma), Message (regex, optional)
#   Http:     Name, Method, Path, Body, ContentType, Auth (Token|None|Wrong), Status, Reason (Status reason), Message (regex, optional)
#   Registry: Name, Method, Path, Body, ContentType, Auth (Token|None|Wrong|raw header), Status, Code (distribution error code), Detail (regex, optional)
#   Pending:  why the case is skipped for now (a lane fixing it has not landed); remove it when the fix is on main.
# Path and Body may be scriptblocks, run when the case runs ($seedManifest, Get-ManifestWith are at hand).
# Fixtures: stream citas with tag v1 imported, ConfigMap cm, the tutorial images in the registry.
# Every case must leave nothing written: pick inputs that a correct server refuses before any write.
# A body that does not decode into the kind's Go type (a label that is a number) is 400 BadRequest "X in
# version "v1" cannot be handled as a X" (apiserver handlers transformDecodeError), not a 422 from validation.
# Route target ports -5 and 70000 are not here: library-go validateRoute refuses only 0 and "" (ServiceAndRouteTests).

$is = '/apis/image.openshift.io/v1/namespaces/myproject'
$cm = '/api/v1/namespaces/myproject/configmaps'
$zeros = 'sha256:' + ('0' * 64)

$cmdlet = @(
    @{ Name = 'New-ImageStream with an empty name'; Script = { New-ImageStream '' }; Category = 'InvalidData'; ErrorId = 'ParameterArgumentValidationError' }
    @{ Name = 'New-ImageStream with an upper-case name'; Script = { New-ImageStream 'Citas' }; Category = 'InvalidArgument'; ErrorId = 'ImageStreamNameInvalid' }
    @{ Name = 'New-ImageStream with a slash in the name'; Script = { New-ImageStream 'a/b' }; Category = 'InvalidArgument'; ErrorId = 'ImageStreamNameInvalid' }
    @{ Name = 'New-ImageStream with a 300-character name'; Script = { New-ImageStream ('a' * 300) }; Category = 'InvalidArgument'; ErrorId = 'ImageStreamNameInvalid' }
    @{ Name = 'New-ImageStream of a stream that exists'; Script = { New-ImageStream citas }; Category = 'ResourceExists'; ErrorId = 'ImageStreamAlreadyExists' }
    @{ Name = 'New-ImageStream in a namespace that does not exist'; Script = { New-ImageStream web -Namespace nosuch }; Category = 'ObjectNotFound'; ErrorId = 'NamespaceNotFound' }
    @{ Name = 'New-ImageStream -Path of a missing file'; Script = { New-ImageStream -Path (Join-Path $TestDrive 'missing.yaml') }; Category = 'ObjectNotFound'; ErrorId = 'ManifestFileNotFound' }
    @{ Name = 'New-ImageStream -Path of broken YAML'; Script = { Set-Content (Join-Path $TestDrive 'broken.yaml') 'kind: [unclosed'; New-ImageStream -Path (Join-Path $TestDrive 'broken.yaml') }; Category = 'InvalidData'; ErrorId = 'ManifestInvalid' }
    @{ Name = 'New-ImageStream -Path of a ConfigMap'; Script = { Set-Content (Join-Path $TestDrive 'cm.yaml') "apiVersion: v1`nkind: ConfigMap`nmetadata:`n  name: x"; New-ImageStream -Path (Join-Path $TestDrive 'cm.yaml') }; Category = 'InvalidType'; ErrorId = 'ManifestKindNotSupported' }
    @{ Name = 'Get-ImageStream of a missing stream'; Script = { Get-ImageStream nosuch }; Category = 'ObjectNotFound'; ErrorId = 'ImageStreamNotFound' }
    @{ Name = 'Get-ImageStream with a space in the name'; Script = { Get-ImageStream 'Bad Name' }; Category = 'InvalidArgument'; ErrorId = 'ImageStreamNameInvalid' }
    @{ Name = 'Get-ImageTag of a missing stream'; Script = { Get-ImageTag nosuch:v1 }; Category = 'ObjectNotFound'; ErrorId = 'ImageStreamNotFound' }
    @{ Name = 'Get-ImageTag of a missing tag'; Script = { Get-ImageTag citas:v9 }; Category = 'ObjectNotFound'; ErrorId = 'ImageTagNotFound' }
    @{ Name = 'Get-ImageTag with two colons'; Script = { Get-ImageTag 'citas:v1:v2' }; Category = 'InvalidArgument'; ErrorId = 'ImageTagNameInvalid' }
    @{ Name = 'Get-ImageTag with an empty tag'; Script = { Get-ImageTag 'citas:' }; Category = 'InvalidArgument'; ErrorId = 'ImageTagNameInvalid' }
    @{ Name = 'Get-ImageTag with a malformed image id'; Script = { Get-ImageTag 'citas@sha256:zz' }; Category = 'InvalidArgument'; ErrorId = 'ImageTagNameInvalid' }
    @{ Name = 'Import-ImageTag -From an upper-case repository'; Script = { Import-ImageTag citas:v3 -From 'docker.io/UPPER/x:v1' }; Category = 'InvalidArgument'; ErrorId = 'ImageStreamImportInvalid' }
    @{ Name = 'Import-ImageTag -From an empty reference'; Script = { Import-ImageTag citas:v3 -From '' }; Category = 'InvalidData'; ErrorId = 'ParameterArgumentValidationError' }
    @{ Name = 'Import-ImageTag into a tag with a space'; Script = { Import-ImageTag 'citas:bad tag' -From 'docker.io/josedom24/citas-backend:v1' }; Category = 'InvalidArgument'; ErrorId = 'ImageTagNameInvalid' }
    @{ Name = 'Import-ImageTag into a missing stream without -Force'; Script = { Import-ImageTag nosuch:v1 -From 'docker.io/josedom24/citas-backend:v1' }; Category = 'ObjectNotFound'; ErrorId = 'ImageStreamNotFound' }
    @{ Name = 'Set-ImageTag from a tag that has no image'; Script = { Set-ImageTag citas:v9 citas:prod }; Category = 'ObjectNotFound'; ErrorId = 'ImageTagNotFound' }
    @{ Name = 'Set-ImageTag to a tag with a space'; Script = { Set-ImageTag citas:v1 'citas:bad tag' }; Category = 'InvalidArgument'; ErrorId = 'ImageTagNameInvalid' }
    @{ Name = 'Remove-ImageTag of a missing tag'; Script = { Remove-ImageTag citas:v9 -Force }; Category = 'ObjectNotFound'; ErrorId = 'ImageTagNotFound' }
    @{ Name = 'New-App of a missing stream'; Script = { New-App nosuch:v1 -Name app1 }; Category = 'ObjectNotFound'; ErrorId = 'ImageStreamNotFound' }
    @{ Name = 'New-App with an invalid name'; Script = { New-App citas:v1 -Name 'Bad_Name' }; Category = 'InvalidArgument'; ErrorId = 'InvalidAppName' }
    @{ Name = 'New-App of a tag without an image'; Script = { New-App citas:v9 -Name app2 }; Category = 'ObjectNotFound'; ErrorId = 'ImageStreamTagNotResolved' }
    @{ Name = 'New-AppRoute to a missing service'; Script = { New-AppRoute -Service nosuch -Port 80 }; Category = 'ObjectNotFound'; ErrorId = 'ServiceNotFound' }
    @{ Name = 'Get-AppRollout of a missing Deployment'; Script = { Get-AppRollout nosuch }; Category = 'ObjectNotFound'; ErrorId = 'AppRolloutNotFound' }
    @{ Name = 'Get-AppRollout -Wait -Timeout 0'; Script = { Get-AppRollout nosuch -Wait -Timeout 0 }; Category = 'InvalidArgument'; ErrorId = 'InvalidTimeout' }
    @{ Name = 'Connect-OpenShift -Server that is no URL'; Script = { Connect-OpenShift -Server 'not a url' -Token (ConvertTo-SecureString x -AsPlainText -Force) -NotDefault }; Category = 'InvalidArgument'; ErrorId = 'ServerInvalid' }
    @{ Name = 'Connect-OpenShift -Server ftp://'; Script = { Connect-OpenShift -Server 'ftp://x' -Token (ConvertTo-SecureString x -AsPlainText -Force) -NotDefault }; Category = 'InvalidArgument'; ErrorId = 'ServerInvalid' }
    @{ Name = 'Connect-OpenShift -KubeConfig of a missing file'; Script = { Connect-OpenShift -KubeConfig (Join-Path $TestDrive 'none') -NotDefault }; Category = 'ObjectNotFound'; ErrorId = 'KubeConfigNotFound' }
    @{ Name = 'Connect-OpenShift -KubeConfig without a context'; Script = { Set-Content (Join-Path $TestDrive 'kc') '::: not yaml'; Connect-OpenShift -KubeConfig (Join-Path $TestDrive 'kc') -NotDefault }; Category = 'InvalidData'; ErrorId = 'KubeConfigContextNotSet' }
    @{ Name = 'Connect-OpenShift -KubeConfig of an empty file'; Script = { Set-Content (Join-Path $TestDrive 'empty-kc') ''; Connect-OpenShift -KubeConfig (Join-Path $TestDrive 'empty-kc') -NotDefault }; Category = 'InvalidData'; ErrorId = 'KubeConfigContextNotSet' }
    @{ Name = 'Connect-OpenShift -KubeConfig with a user that is not a mapping'; Script = { Set-Content (Join-Path $TestDrive 'flat-kc') "current-context: c`nusers:`n- name: u`n  user: sha256~not-shown"; Connect-OpenShift -KubeConfig (Join-Path $TestDrive 'flat-kc') -NotDefault }; Category = 'InvalidData'; ErrorId = 'KubeConfigInvalid'; Message = 'users\[0\]\.user must be a mapping, not a scalar$' }
    @{ Name = 'Connect-OpenShift -Context that is not there'; Script = { Connect-OpenShift -KubeConfig $sandbox.KubeConfigPath -Context nosuch -NotDefault }; Category = 'ObjectNotFound'; ErrorId = 'KubeConfigContextNotFound' }
    @{ Name = 'Set-OpenShiftSession -Namespace that does not exist'; Script = { Set-OpenShiftSession -Namespace nosuch }; Category = 'ObjectNotFound'; ErrorId = 'ProjectNotFound' }
    @{ Name = 'ConvertTo-OpenShiftYaml of a string'; Script = { 'x' | ConvertTo-OpenShiftYaml }; Category = 'InvalidType'; ErrorId = 'ObjectNotConvertible' }
    @{ Name = 'Start-OpenShiftSandbox -Seed that does not exist'; Script = { Start-OpenShiftSandbox -Seed Nothing -DataPath (Join-Path $TestDrive 'seed') }; Category = 'InvalidData'; ErrorId = 'ParameterArgumentValidationError' }
    @{ Name = 'Remove-ImageStream of a stream that does not exist, -Force'; Script = { Remove-ImageStream nosuch -Force }; Category = 'ObjectNotFound'; ErrorId = 'ImageStreamNotFound'; Message = '"nosuch" not found' }
    @{ Name = 'Remove-ImageTag of a tag that does not exist, -Force'; Script = { Remove-ImageTag citas:nosuch -Force }; Category = 'ObjectNotFound'; ErrorId = 'ImageTagNotFound'; Message = '"citas:nosuch" not found' }
    # The inputs #12 lists that other lanes fix.
    @{ Name = 'Get-ImageTag ''citas:['' (#12)'; Script = { Get-ImageTag 'citas:[' }; Category = 'InvalidArgument'; ErrorId = 'ImageTagNameInvalid' }
    @{ Name = 'Import-ImageTag -From docker.io:99999/... (#12)'; Script = { Import-ImageTag citas:v3 -From 'docker.io:99999/josedom24/citas-backend:v1' }; Category = 'InvalidArgument'; ErrorId = 'ImageImportInvalid'; Message = 'invalid port "99999"' }
    @{ Name = 'Set-ImageTag -Wait -Timeout 0 (#12)'; Script = { Set-ImageTag citas:v1 citas:prod -Wait -Timeout 0 }; Category = 'InvalidArgument'; ErrorId = 'InvalidTimeout' }
    @{ Name = 'New-ImageStream -Namespace ''nosuch/../myproject'' (#12)'; Script = { New-ImageStream web -Namespace 'nosuch/../myproject' }; Category = 'InvalidData'; ErrorId = 'ParameterArgumentValidationError'; Message = 'is not a namespace name' }
    @{ Name = 'New-ImageStream -Path of YAML nested 40,000 deep (#12)'; Script = { Set-Content (Join-Path $TestDrive 'deep.yaml') ('[' * 40000); New-ImageStream -Path (Join-Path $TestDrive 'deep.yaml') }; Category = 'InvalidData'; ErrorId = 'ManifestInvalid' }
    @{ Name = 'New-ImageStream -Path of a 461-byte YAML alias bomb (#12)'; Script = { $bomb = "a: &a [x,x,x,x,x,x,x,x,x]`nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]`nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]`nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]`ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]`nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]`ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]`nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]`ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]"; Set-Content (Join-Path $TestDrive 'bomb.yaml') $bomb; New-ImageStream -Path (Join-Path $TestDrive 'bomb.yaml') }; Category = 'InvalidData'; ErrorId = 'ManifestInvalid' }
    @{ Name = 'New-ImageStream -Path of YAML with a list as a key (#12)'; Script = { Set-Content (Join-Path $TestDrive 'key.yaml') "? [a, b]`n: 1"; New-ImageStream -Path (Join-Path $TestDrive 'key.yaml') }; Category = 'InvalidData'; ErrorId = 'ManifestInvalid' }
    @{ Name = 'New-ImageStream -Path of an empty file (#12)'; Script = { [IO.File]::WriteAllBytes((Join-Path $TestDrive 'empty.yaml'), [byte[]]@()); New-ImageStream -Path (Join-Path $TestDrive 'empty.yaml') }; Category = 'InvalidData'; ErrorId = 'ManifestInvalid'; Message = 'no objects passed to create' }
    @{ Name = 'New-ImageStream -Path of a binary file (#12)'; Script = { [IO.File]::WriteAllBytes((Join-Path $TestDrive 'image.gz'), [byte[]](0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 0x4B, 0x4C)); New-ImageStream -Path (Join-Path $TestDrive 'image.gz') }; Category = 'InvalidData'; ErrorId = 'ManifestInvalid'; Message = 'is not valid YAML: yaml: invalid UTF-8 text at byte 1' }
    @{ Name = 'New-ImageStream -Path of a YAML string, not an object'; Script = { Set-Content (Join-Path $TestDrive 'scalar.yaml') 'hello'; New-ImageStream -Path (Join-Path $TestDrive 'scalar.yaml') }; Category = 'InvalidData'; ErrorId = 'ManifestInvalid'; Message = 'not an object' }
    @{ Name = 'Stop-OpenShiftSandbox $null (#12)'; Script = { Stop-OpenShiftSandbox $null }; Category = 'InvalidData'; ErrorId = 'ParameterArgumentValidationErrorNullNotAllowed' }
)

$http = @(
    @{ Name = 'no token'; Method = 'GET'; Path = "$is/imagestreams"; Auth = 'None'; Status = 401; Reason = 'Unauthorized' }
    @{ Name = 'a wrong token'; Method = 'GET'; Path = "$is/imagestreams"; Auth = 'Wrong'; Status = 401; Reason = 'Unauthorized' }
    @{ Name = 'broken JSON'; Method = 'POST'; Path = "$is/imagestreams"; ContentType = 'application/json'; Body = '{"metadata":'; Status = 400; Reason = 'BadRequest' }
    @{ Name = 'a JSON array for an object'; Method = 'POST'; Path = "$is/imagestreams"; ContentType = 'application/json'; Body = '[1,2]'; Status = 400; Reason = 'BadRequest' }
    @{ Name = 'an empty body'; Method = 'POST'; Path = "$is/imagestreams"; ContentType = 'application/json'; Body = ' '; Status = 400; Reason = 'BadRequest' }
    @{ Name = 'a text/plain body'; Method = 'POST'; Path = "$is/imagestreams"; ContentType = 'text/plain'; Body = 'x'; Status = 415; Reason = 'UnsupportedMediaType' }
    @{ Name = 'a body over 3 MiB'; Method = 'POST'; Path = $cm; ContentType = 'application/json'; Body = { '{"metadata":{"name":"big"},"data":{"a":"' + ('a' * 3.2MB) + '"}}' }; Status = 413; Reason = 'RequestEntityTooLarge' }
    @{ Name = 'broken YAML'; Method = 'POST'; Path = "$is/imagestreams"; ContentType = 'application/yaml'; Body = 'metadata: [unclosed'; Status = 400; Reason = 'BadRequest'; Message = '^error converting YAML to JSON' }
    @{ Name = 'a ConfigMap posted as an ImageStream'; Method = 'POST'; Path = "$is/imagestreams"; ContentType = 'application/json'; Body = '{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"x"}}'; Status = 400; Reason = 'BadRequest'; Message = 'does not match the expected kind' }
    @{ Name = 'an upper-case stream name'; Method = 'POST'; Path = "$is/imagestreams"; ContentType = 'application/json'; Body = '{"metadata":{"name":"Bad"}}'; Status = 422; Reason = 'Invalid'; Message = 'metadata.name: Invalid value' }
    @{ Name = 'metadata that is a string'; Method = 'POST'; Path = "$is/imagestreams"; ContentType = 'application/json'; Body = '{"metadata":"x"}'; Status = 422; Reason = 'Invalid' }
    @{ Name = 'a label that is a number'; Method = 'POST'; Path = "$is/imagestreams"; ContentType = 'application/json'; Body = '{"metadata":{"name":"l1","labels":{"a":5}}}'; Status = 400; Reason = 'BadRequest'; Message = 'cannot be handled as a' }
    @{ Name = 'labels that are a list'; Method = 'POST'; Path = "$is/imagestreams"; ContentType = 'application/json'; Body = '{"metadata":{"name":"l2","labels":[1]}}'; Status = 400; Reason = 'BadRequest'; Message = 'cannot be handled as a' }
    @{ Name = 'annotations that are a number'; Method = 'POST'; Path = "$is/imagestreams"; ContentType = 'application/json'; Body = '{"metadata":{"name":"l3","annotations":5}}'; Status = 400; Reason = 'BadRequest'; Message = 'cannot be handled as a' }
    @{ Name = 'a spec tag named by a number'; Method = 'POST'; Path = "$is/imagestreams"; ContentType = 'application/json'; Body = '{"metadata":{"name":"l7"},"spec":{"tags":[{"name":5}]}}'; Status = 400; Reason = 'BadRequest'; Message = 'cannot be handled as a' }
    @{ Name = 'a spec tag from kind Bogus'; Method = 'POST'; Path = "$is/imagestreams"; ContentType = 'application/json'; Body = '{"metadata":{"name":"l8"},"spec":{"tags":[{"name":"v1","from":{"kind":"Bogus","name":"x"}}]}}'; Status = 422; Reason = 'Invalid' }
    @{ Name = 'an import mode Bogus'; Method = 'POST'; Path = "$is/imagestreams"; ContentType = 'application/json'; Body = '{"metadata":{"name":"l11"},"spec":{"tags":[{"name":"v1","from":{"kind":"DockerImage","name":"a/b:v1"},"importPolicy":{"importMode":"Bogus"}}]}}'; Status = 422; Reason = 'Invalid' }
    @{ Name = 'an object for another namespace'; Method = 'POST'; Path = "$is/imagestreams"; ContentType = 'application/json'; Body = '{"metadata":{"name":"l14","namespace":"other"}}'; Status = 400; Reason = 'BadRequest' }
    @{ Name = 'dryRun=Bogus'; Method = 'POST'; Path = "$is/imagestreams?dryRun=Bogus"; ContentType = 'application/json'; Body = '{"metadata":{"name":"d1"}}'; Status = 400; Reason = 'BadRequest' }
    @{ Name = 'fieldValidation=Bogus'; Method = 'POST'; Path = "$is/imagestreams?fieldValidation=Bogus"; ContentType = 'application/json'; Body = '{"metadata":{"name":"fv1"}}'; Status = 422; Reason = 'Invalid'; Message = '^CreateOptions\.meta\.k8s\.io "" is invalid: fieldValidation: Unsupported value: "Bogus"' }
    @{ Name = 'a dry run of an invalid object'; Method = 'POST'; Path = "$is/imagestreams?dryRun=All"; ContentType = 'application/json'; Body = '{"metadata":{"name":"Bad"}}'; Status = 422; Reason = 'Invalid' }
    @{ Name = 'an image stream PUT without resourceVersion'; Method = 'PUT'; Path = "$is/imagestreams/citas"; ContentType = 'application/json'; Body = '{"metadata":{"name":"citas"}}'; Status = 422; Reason = 'Invalid'; Message = 'must be specified for an update' }
    @{ Name = 'a PUT with a stale resourceVersion'; Method = 'PUT'; Path = "$is/imagestreams/citas"; ContentType = 'application/json'; Body = '{"metadata":{"name":"citas","resourceVersion":"1"}}'; Status = 409; Reason = 'Conflict' }
    @{ Name = 'a PUT naming another object'; Method = 'PUT'; Path = "$is/imagestreams/citas"; ContentType = 'application/json'; Body = '{"metadata":{"name":"other","resourceVersion":"1"}}'; Status = 400; Reason = 'BadRequest' }
    @{ Name = 'strategic merge $patch: bogus'; Method = 'PATCH'; Path = "$is/imagestreams/citas"; ContentType = 'application/strategic-merge-patch+json'; Body = '{"spec":{"$patch":"bogus"}}'; Status = 400; Reason = 'BadRequest'; Message = '^unknown patch type: bogus in map: map\[\$patch:bogus\]$' }
    @{ Name = 'strategic merge $patch: 5'; Method = 'PATCH'; Path = "$is/imagestreams/citas"; ContentType = 'application/strategic-merge-patch+json'; Body = '{"$patch":5}'; Status = 400; Reason = 'BadRequest'; Message = '^unknown patch type: 5' }
    @{ Name = 'strategic merge $patch: merge on a map'; Method = 'PATCH'; Path = "$is/imagestreams/citas"; ContentType = 'application/strategic-merge-patch+json'; Body = '{"spec":{"$patch":"merge"}}'; Status = 400; Reason = 'BadRequest' }
    @{ Name = 'strategic merge $patch: bogus in a list item'; Method = 'PATCH'; Path = "$is/imagestreams/citas"; ContentType = 'application/strategic-merge-patch+json'; Body = '{"spec":{"tags":[{"name":"v1","$patch":"bogus"}]}}'; Status = 400; Reason = 'BadRequest'; Message = 'map\[\$patch:bogus name:v1\]' }
    @{ Name = 'strategic merge delete without the merge key'; Method = 'PATCH'; Path = "$is/imagestreams/citas"; ContentType = 'application/strategic-merge-patch+json'; Body = '{"spec":{"tags":[{"$patch":"delete"}]}}'; Status = 400; Reason = 'BadRequest'; Message = 'does not contain declared merge key: name' }
    @{ Name = 'strategic merge $retainKeys that is a string'; Method = 'PATCH'; Path = "$is/imagestreams/citas"; ContentType = 'application/strategic-merge-patch+json'; Body = '{"spec":{"$retainKeys":"x"}}'; Status = 400; Reason = 'BadRequest'; Message = '^invalid patch format of retainKeys$' }
    @{ Name = 'strategic merge $retainKeys of numbers'; Method = 'PATCH'; Path = "$is/imagestreams/citas"; ContentType = 'application/strategic-merge-patch+json'; Body = '{"spec":{"$retainKeys":[1]}}'; Status = 400; Reason = 'BadRequest' }
    @{ Name = 'strategic merge $setElementOrder that is a string'; Method = 'PATCH'; Path = "$is/imagestreams/citas"; ContentType = 'application/strategic-merge-patch+json'; Body = '{"spec":{"$setElementOrder/tags":"x"}}'; Status = 400; Reason = 'BadRequest'; Message = '^invalid patch format of setElementOrder list$' }
    @{ Name = 'strategic merge $deleteFromPrimitiveList that is a number'; Method = 'PATCH'; Path = "$is/imagestreams/citas"; ContentType = 'application/strategic-merge-patch+json'; Body = '{"metadata":{"$deleteFromPrimitiveList/finalizers":5}}'; Status = 400; Reason = 'BadRequest'; Message = '^invalid patch format of primitive list$' }
    @{ Name = 'a strategic merge patch that is a list'; Method = 'PATCH'; Path = "$is/imagestreams/citas"; ContentType = 'application/strategic-merge-patch+json'; Body = '[1]'; Status = 400; Reason = 'BadRequest' }
    @{ Name = 'a merge patch that is a number'; Method = 'PATCH'; Path = "$is/imagestreams/citas"; ContentType = 'application/merge-patch+json'; Body = '5'; Status = 400; Reason = 'BadRequest' }
    @{ Name = 'a merge patch renaming the object'; Method = 'PATCH'; Path = "$is/imagestreams/citas"; ContentType = 'application/merge-patch+json'; Body = '{"metadata":{"name":"other"}}'; Status = 400; Reason = 'BadRequest' }
    @{ Name = 'a JSON patch op that is a number'; Method = 'PATCH'; Path = "$is/imagestreams/citas"; ContentType = 'application/json-patch+json'; Body = '[{"op":5,"path":"/spec"}]'; Status = 422; Reason = 'Invalid'; Message = 'Unexpected kind: unknown' }
    @{ Name = 'a JSON patch op frobnicate'; Method = 'PATCH'; Path = "$is/imagestreams/citas"; ContentType = 'application/json-patch+json'; Body = '[{"op":"frobnicate","path":"/spec"}]'; Status = 422; Reason = 'Invalid'; Message = 'Unexpected kind: frobnicate' }
    @{ Name = 'a JSON patch that is an object'; Method = 'PATCH'; Path = "$is/imagestreams/citas"; ContentType = 'application/json-patch+json'; Body = '{"op":"add"}'; Status = 400; Reason = 'BadRequest' }
    @{ Name = 'a JSON patch operation that is a number'; Method = 'PATCH'; Path = "$is/imagestreams/citas"; ContentType = 'application/json-patch+json'; Body = '[5]'; Status = 400; Reason = 'BadRequest' }
    @{ Name = 'a JSON patch path that is a number'; Method = 'PATCH'; Path = "$is/imagestreams/citas"; ContentType = 'application/json-patch+json'; Body = '[{"op":"add","path":5,"value":1}]'; Status = 422; Reason = 'Invalid' }
    @{ Name = 'a JSON patch removing a missing path'; Method = 'PATCH'; Path = "$is/imagestreams/citas"; ContentType = 'application/json-patch+json'; Body = '[{"op":"remove","path":"/spec/nothing/here"}]'; Status = 422; Reason = 'Invalid' }
    @{ Name = 'a JSON patch add without value'; Method = 'PATCH'; Path = "$is/imagestreams/citas"; ContentType = 'application/json-patch+json'; Body = '[{"op":"add","path":"/metadata/labels"}]'; Status = 422; Reason = 'Invalid' }
    @{ Name = 'a JSON patch pointer without a slash'; Method = 'PATCH'; Path = "$is/imagestreams/citas"; ContentType = 'application/json-patch+json'; Body = '[{"op":"add","path":"metadata","value":1}]'; Status = 422; Reason = 'Invalid' }
    @{ Name = 'a JSON patch test that fails'; Method = 'PATCH'; Path = "$is/imagestreams/citas"; ContentType = 'application/json-patch+json'; Body = '[{"op":"test","path":"/metadata/name","value":"x"}]'; Status = 422; Reason = 'Invalid'; Message = 'test failed' }
    @{ Name = 'a JSON patch replacing the root with a number'; Method = 'PATCH'; Path = "$is/imagestreams/citas"; ContentType = 'application/json-patch+json'; Body = '[{"op":"replace","path":"","value":5}]'; Status = 400; Reason = 'BadRequest' }
    @{ Name = 'a JSON patch move from a number'; Method = 'PATCH'; Path = "$is/imagestreams/citas"; ContentType = 'application/json-patch+json'; Body = '[{"op":"move","from":5,"path":"/a"}]'; Status = 422; Reason = 'Invalid' }
    @{ Name = 'a patch in application/xml'; Method = 'PATCH'; Path = "$is/imagestreams/citas"; ContentType = 'application/xml'; Body = '<x/>'; Status = 415; Reason = 'UnsupportedMediaType' }
    @{ Name = 'an apply patch without fieldManager'; Method = 'PATCH'; Path = "$is/imagestreams/citas"; ContentType = 'application/apply-patch+yaml'; Body = 'metadata: {name: citas}'; Status = 400; Reason = 'BadRequest' }
    @{ Name = 'a label selector that does not parse'; Method = 'GET'; Path = "$is/imagestreams?labelSelector=a%20in%20("; Status = 400; Reason = 'BadRequest' }
    @{ Name = 'a field selector on an unsupported field'; Method = 'GET'; Path = "$is/imagestreams?fieldSelector=spec.foo%3Dx"; Status = 400; Reason = 'BadRequest'; Message = 'field label not supported: spec.foo' }
    @{ Name = 'a field selector that does not parse'; Method = 'GET'; Path = "$is/imagestreams?fieldSelector=%3D%3D%3D"; Status = 400; Reason = 'BadRequest' }
    @{ Name = 'limit=-1'; Method = 'GET'; Path = "$is/imagestreams?limit=-1"; Status = 400; Reason = 'BadRequest' }
    @{ Name = 'limit=abc'; Method = 'GET'; Path = "$is/imagestreams?limit=abc"; Status = 400; Reason = 'BadRequest' }
    @{ Name = 'a continue token that is garbage'; Method = 'GET'; Path = "$is/imagestreams?limit=1&continue=garbage"; Status = 400; Reason = 'BadRequest' }
    @{ Name = 'a watch from resourceVersion abc'; Method = 'GET'; Path = "$is/imagestreams?watch=1&resourceVersion=abc&timeoutSeconds=1"; Status = 400; Reason = 'BadRequest' }
    @{ Name = 'an API version that is not served'; Method = 'GET'; Path = '/apis/image.openshift.io/v2/namespaces/myproject/imagestreams'; Status = 404; Reason = 'NotFound' }
    @{ Name = 'a resource that is not served'; Method = 'GET'; Path = "$is/nothings"; Status = 404; Reason = 'NotFound' }
    @{ Name = 'an image stream tag without a colon'; Method = 'GET'; Path = "$is/imagestreamtags/citas"; Status = 400; Reason = 'BadRequest' }
    @{ Name = 'a delete body that does not parse'; Method = 'DELETE'; Path = "$cm/cm"; ContentType = 'application/json'; Body = '{x'; Status = 400; Reason = 'BadRequest' }
    @{ Name = 'a delete precondition on another resourceVersion'; Method = 'DELETE'; Path = "$cm/cm"; ContentType = 'application/json'; Body = '{"preconditions":{"resourceVersion":"1"}}'; Status = 409; Reason = 'Conflict' }
    @{ Name = 'a delete precondition on another uid'; Method = 'DELETE'; Path = "$cm/cm"; ContentType = 'application/json'; Body = '{"preconditions":{"uid":"x"}}'; Status = 409; Reason = 'Conflict' }
    @{ Name = 'an image stream import from kind Bogus'; Method = 'POST'; Path = "$is/imagestreamimports"; ContentType = 'application/json'; Body = '{"metadata":{"name":"citas"},"spec":{"import":true,"images":[{"from":{"kind":"Bogus","name":"a/b:v1"},"to":{"name":"v1"}}]}}'; Status = 422; Reason = 'Invalid' }
    @{ Name = 'an image stream import of no image'; Method = 'POST'; Path = "$is/imagestreamimports"; ContentType = 'application/json'; Body = '{"metadata":{"name":"citas"},"spec":{"import":false,"images":"x"}}'; Status = 400; Reason = 'BadRequest'; Message = 'cannot be handled as a' }
    @{ Name = 'an image stream import of an unparsable repository'; Method = 'POST'; Path = "$is/imagestreamimports"; ContentType = 'application/json'; Body = '{"metadata":{"name":"citas"},"spec":{"import":false,"repository":{"from":{"kind":"DockerImage","name":"::"}}}}'; Status = 422; Reason = 'Invalid' }
    @{ Name = 'an image stream tag from kind Bogus'; Method = 'PUT'; Path = "$is/imagestreamtags/citas:v1"; ContentType = 'application/json'; Body = '{"metadata":{"name":"citas:v1"},"tag":{"name":"v1","from":{"kind":"Bogus","name":"x"}}}'; Status = 422; Reason = 'Invalid' }
    @{ Name = 'a Deployment with -1 replicas'; Method = 'POST'; Path = '/apis/apps/v1/namespaces/myproject/deployments'; ContentType = 'application/json'; Body = '{"metadata":{"name":"d"},"spec":{"replicas":-1,"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"c","image":"x"}]}}}}'; Status = 422; Reason = 'Invalid' }
    @{ Name = 'a Deployment whose containers are a string'; Method = 'POST'; Path = '/apis/apps/v1/namespaces/myproject/deployments'; ContentType = 'application/json'; Body = '{"metadata":{"name":"d"},"spec":{"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":"x"}}}}'; Status = 400; Reason = 'BadRequest'; Message = 'cannot be handled as a' }
    @{ Name = 'a Service on port 70000'; Method = 'POST'; Path = '/api/v1/namespaces/myproject/services'; ContentType = 'application/json'; Body = '{"metadata":{"name":"s"},"spec":{"ports":[{"port":70000}]}}'; Status = 422; Reason = 'Invalid' }
    @{ Name = 'a Service port that is a string'; Method = 'POST'; Path = '/api/v1/namespaces/myproject/services'; ContentType = 'application/json'; Body = '{"metadata":{"name":"s2"},"spec":{"ports":[{"port":"x"}]}}'; Status = 400; Reason = 'BadRequest'; Message = 'cannot be handled as a' }
    @{ Name = 'a namespace named Bad_NS'; Method = 'POST'; Path = '/api/v1/namespaces'; ContentType = 'application/json'; Body = '{"metadata":{"name":"Bad_NS"}}'; Status = 422; Reason = 'Invalid' }
    @{ Name = 'a project request named Bad_NS'; Method = 'POST'; Path = '/apis/project.openshift.io/v1/projectrequests'; ContentType = 'application/json'; Body = '{"metadata":{"name":"Bad_NS"}}'; Status = 422; Reason = 'Invalid' }
    # The inputs #12 lists that other lanes fix.
    @{ Name = 'YAML nested 40,000 deep (#12)'; Method = 'POST'; Path = "$is/imagestreams"; ContentType = 'application/yaml'; Body = { '[' * 40000 }; Status = 400; Reason = 'BadRequest' }
    @{ Name = 'a 400-byte YAML alias bomb (#12)'; Method = 'POST'; Path = "$is/imagestreams"; ContentType = 'application/yaml'; Body = "metadata: {name: bomb}`na: &a [x,x,x,x,x,x,x,x,x]`nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]`nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]`nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]`ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]`nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]`ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]`nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]"; Status = 400; Reason = 'BadRequest' }
    @{ Name = 'YAML with a list as a key (#12)'; Method = 'POST'; Path = "$is/imagestreams"; ContentType = 'application/yaml'; Body = "? [a, b]`n: 1"; Status = 400; Reason = 'BadRequest' }
    @{ Name = 'a Route to target port 0 (#12)'; Method = 'POST'; Path = '/apis/route.openshift.io/v1/namespaces/myproject/routes'; ContentType = 'application/json'; Body = '{"metadata":{"name":"r0"},"spec":{"to":{"kind":"Service","name":"s"},"port":{"targetPort":0}}}'; Status = 422; Reason = 'Invalid' }
    @{ Name = 'an image stream whose spec is a string (#12)'; Method = 'POST'; Path = "$is/imagestreams"; ContentType = 'application/json'; Body = '{"metadata":{"name":"t1"},"spec":"x"}'; Status = 400; Reason = 'BadRequest'; Message = 'cannot be handled as a ImageStream' }
    @{ Name = 'an image stream whose spec.tags are an object (#12)'; Method = 'POST'; Path = "$is/imagestreams"; ContentType = 'application/json'; Body = '{"metadata":{"name":"t2"},"spec":{"tags":{}}}'; Status = 400; Reason = 'BadRequest'; Message = 'cannot be handled as a ImageStream' }
    @{ Name = 'a spec tag whose from is a string (#12)'; Method = 'POST'; Path = "$is/imagestreams"; ContentType = 'application/json'; Body = '{"metadata":{"name":"t3"},"spec":{"tags":[{"name":"v1","from":"x"}]}}'; Status = 400; Reason = 'BadRequest'; Message = 'cannot be handled as a ImageStream' }
    @{ Name = 'spec.lookupPolicy as a string (#12)'; Method = 'POST'; Path = "$is/imagestreams"; ContentType = 'application/json'; Body = '{"metadata":{"name":"t4"},"spec":{"lookupPolicy":"x"}}'; Status = 400; Reason = 'BadRequest'; Message = 'cannot be handled as a ImageStream' }
    @{ Name = 'a Deployment whose replicas are a string (#12)'; Method = 'POST'; Path = '/apis/apps/v1/namespaces/myproject/deployments'; ContentType = 'application/json'; Body = '{"metadata":{"name":"d"},"spec":{"replicas":"x","selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"c","image":"x"}]}}}}'; Status = 400; Reason = 'BadRequest'; Message = 'cannot be handled as a Deployment' }
    @{ Name = 'Secret data that is not base64 (#12)'; Method = 'POST'; Path = '/api/v1/namespaces/myproject/secrets'; ContentType = 'application/json'; Body = '{"metadata":{"name":"s64"},"data":{"a":"!!not base64"}}'; Status = 400; Reason = 'BadRequest'; Message = 'cannot be handled as a Secret' }
    @{ Name = 'a merge patch turning ConfigMap data into a number (#12)'; Method = 'PATCH'; Path = "$cm/cm"; ContentType = 'application/merge-patch+json'; Body = '{"data":{"a":5}}'; Status = 400; Reason = 'BadRequest'; Message = 'cannot be handled as a ConfigMap' }
    @{ Name = 'a merge patch turning ConfigMap data into a list (#12)'; Method = 'PATCH'; Path = "$cm/cm"; ContentType = 'application/merge-patch+json'; Body = '{"data":{"a":[1]}}'; Status = 400; Reason = 'BadRequest'; Message = 'cannot be handled as a ConfigMap' }
    @{ Name = 'an image stream tag PUT whose body names another tag (#12)'; Method = 'PUT'; Path = "$is/imagestreamtags/citas:v1"; ContentType = 'application/json'; Body = '{"metadata":{"name":"citas:v2"},"tag":{"name":"v2","from":{"kind":"DockerImage","name":"quay.io/x/y:v2"}}}'; Status = 400; Reason = 'BadRequest'; Message = 'does not match the name on the URL' }
    @{ Name = 'a fieldManager over 128 bytes (#12)'; Method = 'POST'; Path = "${cm}?fieldManager=$('m' * 129)"; ContentType = 'application/json'; Body = '{"metadata":{"name":"fm"}}'; Status = 422; Reason = 'Invalid'; Message = 'CreateOptions.meta.k8s.io "" is invalid: fieldManager: Too long' }
    @{ Name = 'a list from resourceVersion abc (#12)'; Method = 'GET'; Path = "${cm}?resourceVersion=abc"; Status = 400; Reason = 'BadRequest'; Message = 'invalid resource version' }
)

$registry = @(
    @{ Name = 'an anonymous ping'; Method = 'GET'; Path = '/v2/'; Auth = 'None'; Status = 401; Code = 'UNAUTHORIZED' }
    @{ Name = 'an anonymous blob upload'; Method = 'POST'; Path = "/v2/myproject/citas/blobs/uploads/?digest=$zeros"; Body = 'x'; ContentType = 'application/octet-stream'; Auth = 'None'; Status = 401; Code = 'UNAUTHORIZED' }
    @{ Name = 'an anonymous manifest push to citas:prod'; Method = 'PUT'; Path = '/v2/myproject/citas/manifests/prod'; Body = { $seedManifest }; ContentType = 'application/vnd.docker.distribution.manifest.v2+json'; Auth = 'None'; Status = 401; Code = 'UNAUTHORIZED' }
    @{ Name = 'an anonymous pull'; Method = 'GET'; Path = '/v2/josedom24/citas-backend/manifests/v1'; Auth = 'None'; Status = 401; Code = 'UNAUTHORIZED' }
    @{ Name = 'a pull with a wrong token'; Method = 'GET'; Path = '/v2/josedom24/citas-backend/manifests/v1'; Auth = 'Wrong'; Status = 401; Code = 'UNAUTHORIZED' }
    @{ Name = 'a pull with the anonymous token'; Method = 'GET'; Path = '/v2/josedom24/citas-backend/tags/list'; Auth = 'Bearer anonymous'; Status = 401; Code = 'UNAUTHORIZED' }
    @{ Name = 'a pull with an empty Basic password'; Method = 'GET'; Path = '/v2/josedom24/citas-backend/tags/list'; Auth = 'Basic ZGV2ZWxvcGVyOg=='; Status = 401; Code = 'UNAUTHORIZED' }
    @{ Name = 'a token request with a wrong password'; Method = 'GET'; Path = '/openshift/token?scope=repository:myproject/citas:pull'; Auth = 'Basic ZGV2ZWxvcGVyOmd1ZXNz'; Status = 401 }
    @{ Name = 'a token request for an invalid repository'; Method = 'GET'; Path = '/openshift/token?scope=repository:Bad%20Name:pull'; Status = 401 }
    @{ Name = 'a POST to the token endpoint'; Method = 'POST'; Path = '/openshift/token'; Body = 'x'; Status = 405 }
    @{ Name = 'an upper-case repository name'; Method = 'GET'; Path = '/v2/NS/App/tags/list'; Status = 400; Code = 'NAME_INVALID' }
    @{ Name = 'a tag reference starting with a dash'; Method = 'GET'; Path = '/v2/josedom24/citas-backend/manifests/-v1'; Status = 400; Code = 'TAG_INVALID' }
    @{ Name = 'a digest reference that is not hex'; Method = 'GET'; Path = '/v2/josedom24/citas-backend/manifests/sha256:zz'; Status = 400; Code = 'DIGEST_INVALID' }
    @{ Name = 'a manifest that is not there'; Method = 'GET'; Path = '/v2/josedom24/citas-backend/manifests/v9'; Status = 404; Code = 'MANIFEST_UNKNOWN' }
    @{ Name = 'the tags of a repository that is not there'; Method = 'GET'; Path = '/v2/nobody/nothing/tags/list'; Status = 404; Code = 'NAME_UNKNOWN' }
    @{ Name = 'a POST to the tags list'; Method = 'POST'; Path = '/v2/josedom24/citas-backend/tags/list'; Body = 'x'; Status = 405; Code = 'UNSUPPORTED' }
    @{ Name = 'a POST to the ping'; Method = 'POST'; Path = '/v2/'; Body = 'x'; Status = 405; Code = 'UNSUPPORTED' }
    @{ Name = 'a path that names no registry route'; Method = 'GET'; Path = '/v2/josedom24/citas-backend'; Status = 404; Code = 'NAME_UNKNOWN' }
    @{ Name = 'a manifest with "schemaVersion":"2"'; Method = 'PUT'; Path = '/v2/myproject/citas/manifests/prod'; Body = { Get-ManifestWith schemaVersion '2' }; ContentType = 'application/vnd.docker.distribution.manifest.v2+json'; Status = 400; Code = 'MANIFEST_INVALID'; Detail = '^schemaVersion must be a number$' }
    @{ Name = 'a manifest with schemaVersion 1'; Method = 'PUT'; Path = '/v2/myproject/citas/manifests/prod'; Body = { Get-ManifestWith schemaVersion 1 }; ContentType = 'application/vnd.docker.distribution.manifest.v2+json'; Status = 400; Code = 'MANIFEST_INVALID' }
    @{ Name = 'a manifest with a numeric mediaType'; Method = 'PUT'; Path = '/v2/myproject/citas/manifests/prod'; Body = { Get-ManifestWith mediaType 7 }; ContentType = 'application/vnd.docker.distribution.manifest.v2+json'; Status = 400; Code = 'MANIFEST_INVALID' }
    @{ Name = 'a manifest whose config is a string'; Method = 'PUT'; Path = '/v2/myproject/citas/manifests/prod'; Body = { Get-ManifestWith config 'sha256:abc' }; ContentType = 'application/vnd.docker.distribution.manifest.v2+json'; Status = 400; Code = 'MANIFEST_INVALID' }
    @{ Name = 'a manifest whose layers are an object'; Method = 'PUT'; Path = '/v2/myproject/citas/manifests/prod'; Body = { Get-ManifestWith layers @{} }; ContentType = 'application/vnd.docker.distribution.manifest.v2+json'; Status = 400; Code = 'MANIFEST_INVALID' }
    @{ Name = 'a manifest with a negative layer size'; Method = 'PUT'; Path = '/v2/myproject/citas/manifests/prod'; Body = { Get-ManifestWith layers @(@{ mediaType = 'x'; digest = 'sha256:' + ('0' * 64); size = -1 }) }; ContentType = 'application/vnd.docker.distribution.manifest.v2+json'; Status = 400; Code = 'MANIFEST_INVALID' }
    @{ Name = 'a manifest that is not JSON'; Method = 'PUT'; Path = '/v2/myproject/citas/manifests/prod'; Body = 'not json'; ContentType = 'application/vnd.docker.distribution.manifest.v2+json'; Status = 400; Code = 'MANIFEST_INVALID' }
    @{ Name = 'a manifest that is a JSON list'; Method = 'PUT'; Path = '/v2/myproject/citas/manifests/prod'; Body = '[1,2]'; ContentType = 'application/vnd.oci.image.index.v1+json'; Status = 400; Code = 'MANIFEST_INVALID' }
    @{ Name = 'an index whose manifests are an object'; Method = 'PUT'; Path = '/v2/myproject/citas/manifests/prod'; Body = '{"schemaVersion":2,"manifests":{}}'; ContentType = 'application/vnd.oci.image.index.v1+json'; Status = 400; Code = 'MANIFEST_INVALID' }
    @{ Name = 'a manifest naming a blob the registry lacks'; Method = 'PUT'; Path = '/v2/myproject/citas/manifests/prod'; Body = { Get-ManifestWith layers @(@{ mediaType = 'application/vnd.docker.image.rootfs.diff.tar.gzip'; digest = 'sha256:' + ('0' * 64); size = 1 }) }; ContentType = 'application/vnd.docker.distribution.manifest.v2+json'; Status = 400; Code = 'MANIFEST_BLOB_UNKNOWN' }
    @{ Name = 'a manifest pushed under another digest'; Method = 'PUT'; Path = "/v2/myproject/citas/manifests/$zeros"; Body = { $seedManifest }; ContentType = 'application/vnd.docker.distribution.manifest.v2+json'; Status = 400; Code = 'DIGEST_INVALID' }
    @{ Name = 'a manifest over 4 MiB'; Method = 'PUT'; Path = '/v2/myproject/citas/manifests/prod'; Body = { '{' * (4MB + 64KB) }; ContentType = 'application/vnd.docker.distribution.manifest.v2+json'; Status = 413; Code = 'MANIFEST_INVALID'; Detail = '^manifest too big' }
    @{ Name = 'a monolithic upload with a wrong digest'; Method = 'POST'; Path = "/v2/myproject/citas/blobs/uploads/?digest=$zeros"; Body = 'some bytes'; ContentType = 'application/octet-stream'; Status = 400; Code = 'DIGEST_INVALID' }
    @{ Name = 'a monolithic upload with a malformed digest'; Method = 'POST'; Path = '/v2/myproject/citas/blobs/uploads/?digest=md5:abc'; Body = 'some bytes'; ContentType = 'application/octet-stream'; Status = 400; Code = 'DIGEST_INVALID' }
    @{ Name = 'an upload session that does not exist'; Method = 'PATCH'; Path = "/v2/myproject/citas/blobs/uploads/$([guid]::NewGuid().ToString('n'))"; Body = 'x'; ContentType = 'application/octet-stream'; Status = 404; Code = 'BLOB_UPLOAD_UNKNOWN' }
    @{ Name = 'an upload session id that climbs out'; Method = 'PUT'; Path = '/v2/myproject/citas/blobs/uploads/..%2F..%2Fsandbox.db'; Body = 'x'; ContentType = 'application/octet-stream'; Status = 404; Code = 'BLOB_UPLOAD_UNKNOWN' }
    @{ Name = 'a blob digest that is not hex'; Method = 'GET'; Path = '/v2/josedom24/citas-backend/blobs/sha256:zz'; Status = 400; Code = 'DIGEST_INVALID' }
    @{ Name = 'a blob that is not there'; Method = 'GET'; Path = "/v2/josedom24/citas-backend/blobs/$zeros"; Status = 404; Code = 'BLOB_UNKNOWN' }
    @{ Name = 'a blob deletion'; Method = 'DELETE'; Path = "/v2/josedom24/citas-backend/blobs/$zeros"; Status = 405; Code = 'UNSUPPORTED' }
    @{ Name = 'a manifest deletion by tag'; Method = 'DELETE'; Path = '/v2/josedom24/citas-backend/manifests/v1'; Status = 400; Code = 'UNSUPPORTED' }
)

@(
    $cmdlet | ForEach-Object { $_.Kind = 'Cmdlet'; $_ }
    $http | ForEach-Object { $_.Kind = 'Http'; $_ }
    $registry | ForEach-Object { $_.Kind = 'Registry'; $_ }
)
