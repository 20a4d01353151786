# The tutorial's app steps on the local sandbox (openshift-image-api.md §0 steps 8-11): New-App on
# citas:prod, New-AppRoute, Get-AppRollout, a removed tag leaving the app alone, and a tag move
# that rolls it out and waits. kubectl, given the sandbox's kubeconfig, must see the same objects.
BeforeDiscovery {
    $script:haveKubectl = [bool] (Get-Command kubectl -ErrorAction SilentlyContinue)
}

BeforeAll {
    Import-Module $env:IMAGESTREAMPS_MODULE_PATH -Force
    $script:data = Join-Path ([IO.Path]::GetTempPath()) "isps-app-$([guid]::NewGuid().ToString('N'))"
    $script:sandbox = Start-OpenShiftSandbox -Seed Tutorial -DataPath $data -Connect
    $env:KUBECACHEDIR = Join-Path $data 'kubectl-cache'

    function script:kc {
        $output = $input | & kubectl --kubeconfig $sandbox.KubeConfigPath @args 2>&1
        if ($LASTEXITCODE -ne 0) { throw "kubectl $args failed: $output" }
        $output
    }

    New-ImageStream citas | Out-Null
    $script:v1 = Import-ImageTag citas:v1 -From docker.io/josedom24/citas-backend:v1
    $script:v2 = Import-ImageTag citas:v2 -From docker.io/josedom24/citas-backend:v2
    Set-ImageTag citas:v1 citas:prod | Out-Null
}

AfterAll {
    Get-OpenShiftSession | Disconnect-OpenShift
    if ($sandbox) { $sandbox | Stop-OpenShiftSandbox }
    Remove-Item $data -Recurse -Force -ErrorAction SilentlyContinue
    Remove-Item Env:KUBECACHEDIR -ErrorAction SilentlyContinue
}

Describe 'The tutorial''s app steps' {
    It 'New-App citas:prod creates the Deployment that follows the tag, on the v1 image at once' {
        $app = New-App citas:prod -Name app-citas

        $app | Should -BeOfType ([ImageStreamPS.Model.AppRollout])
        $app.Name | Should -Be 'app-citas'
        $app.Namespace | Should -Be 'myproject'
        $app.Triggers | Should -Be @('citas:prod')
        $app.Image | Should -Be $v1.PullSpec
        $app.Digest | Should -Be $v1.Image
        $app.Revision | Should -Be 1
        $app.Session | Should -Be (Get-OpenShiftSession -Default)
    }

    It 'the Deployment carries oc new-app''s labels, selector, trigger annotation, container and port' -Skip:(-not $haveKubectl) {
        $deployment = kc get deployment app-citas -o json | ConvertFrom-Json -AsHashtable

        $deployment.metadata.labels['app'] | Should -Be 'app-citas'
        $deployment.metadata.labels['app.kubernetes.io/component'] | Should -Be 'app-citas'
        $deployment.metadata.labels['app.kubernetes.io/instance'] | Should -Be 'app-citas'
        $deployment.metadata.annotations['openshift.io/generated-by'] | Should -Be 'OpenShiftNewApp'
        $deployment.metadata.annotations['image.openshift.io/triggers'] |
            Should -Be '[{"from":{"kind":"ImageStreamTag","name":"citas:prod","namespace":"myproject"},"fieldPath":"spec.template.spec.containers[?(@.name==\"citas\")].image"}]'
        $deployment.spec.selector.matchLabels['deployment'] | Should -Be 'app-citas'
        $container = $deployment.spec.template.spec.containers[0]
        $container.name | Should -Be 'citas'
        $container.image | Should -Be $v1.PullSpec
        $container.ports[0].containerPort | Should -Be 10000
        $container.ports[0].protocol | Should -Be 'TCP'
    }

    It 'the Service serves the image''s exposed port 10000 to the app''s pods' -Skip:(-not $haveKubectl) {
        $service = kc get service app-citas -o json | ConvertFrom-Json -AsHashtable

        $service.spec.selector['deployment'] | Should -Be 'app-citas'
        $service.spec.ports.Count | Should -Be 1
        $service.spec.ports[0].name | Should -Be '10000-tcp'
        $service.spec.ports[0].port | Should -Be 10000
        $service.spec.ports[0].targetPort | Should -Be 10000
        $service.metadata.labels['app'] | Should -Be 'app-citas'
    }

    It 'New-AppRoute -Port 10000 exposes it at the host the server generates' {
        $route = New-AppRoute -Service app-citas -Port 10000
        $script:route = $route

        $route | Should -BeOfType ([ImageStreamPS.Model.AppRoute])
        $route.Name | Should -Be 'app-citas'
        $route.Service | Should -Be 'app-citas'
        $route.TargetPort | Should -Be '10000'
        $route.Host | Should -Be 'app-citas-myproject.apps.sandbox.localhost'
        $route.Admitted | Should -BeTrue
        # The sandbox's router serves each route host on a loopback port of its own: no DNS needed.
        $route.Url | Should -Match '^http://127\.0\.0\.1:\d+$'
    }

    It 'ConvertTo-OpenShiftYaml writes the Deployment and the Route as OpenShift returns them' {
        $yaml = Get-AppRollout app-citas | ConvertTo-OpenShiftYaml
        $yaml | Should -Match '(?m)^kind: Deployment$'
        $yaml | Should -Match '(?m)^  name: app-citas$'
        $yaml | Should -Match 'image.openshift.io/triggers'

        $route = New-AppRoute -Service app-citas -Port 10000 -Name app-citas-yaml
        $routeYaml = $route | ConvertTo-OpenShiftYaml
        $routeYaml | Should -Match '(?m)^kind: Route$'
        $routeYaml | Should -Match '(?m)^  host: app-citas-yaml-myproject.apps.sandbox.localhost$'
    }

    It 'kubectl sees the same Route' -Skip:(-not $haveKubectl) {
        $route = kc get route app-citas -o json | ConvertFrom-Json -AsHashtable

        $route.spec.host | Should -Be 'app-citas-myproject.apps.sandbox.localhost'
        $route.spec.to.name | Should -Be 'app-citas'
        $route.spec.port.targetPort | Should -Be 10000
        $route.metadata.labels['app'] | Should -Be 'app-citas'
    }

    It 'Get-AppRollout app-citas -Wait shows one ready Pod on the v1 digest' {
        $rollout = Get-AppRollout app-citas -Wait -Timeout 00:01:00

        $rollout.Status | Should -Be 'Complete'
        $rollout.Ready | Should -Be '1/1'
        $rollout.Digest | Should -Be $v1.Image
        $rollout.ImageTags | Should -Contain 'citas:prod'
        $rollout.ImageTags | Should -Contain 'citas:v1'
        $rollout.ReplicaSets.Count | Should -Be 1
        $rollout.NewReplicaSet.Digest | Should -Be $v1.Image
        $rollout.Pods.Count | Should -Be 1
        $rollout.Pods[0].Status | Should -Be 'Running'
        $rollout.Pods[0].Ready | Should -Be '1/1'
        $rollout.Pods[0].Image | Should -Be $v1.PullSpec
        $rollout.Pods[0].ReplicaSet | Should -Be $rollout.NewReplicaSet.Name
    }

    It 'the route answers Invoke-RestMethod and curl with the version of the running image: v1' {
        Invoke-RestMethod "$($route.Url)/version" | Should -Be 'v1'
        if (Get-Command curl -CommandType Application -ErrorAction SilentlyContinue) {
            & (Get-Command curl -CommandType Application)[0] -s "$($route.Url)/version" | Should -Be 'v1'
        }
    }

    It 'its views read like oc get deploy, rs and pod' {
        $rollout = Get-AppRollout app-citas
        # oc's own columns are the Wide views; the default views are View.Tests.ps1's.
        $table = ($rollout | Format-Table -View Wide | Out-String -Width 200)
        $table | Should -Match 'NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE'
        $table | Should -Match 'app-citas\s+1/1\s+1\s+1\s'
        ($rollout.ReplicaSets | Format-Table -View Wide | Out-String -Width 200) | Should -Match 'NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE'
        ($rollout.Pods | Format-Table -View Wide | Out-String -Width 200) | Should -Match "$($rollout.Pods[0].Name)\s+1/1\s+Running\s+0\s"
        ($rollout | Format-List | Out-String -Width 200) | Should -Match 'ReplicaSets\s*:\s*NAME'
    }

    It 'kubectl sees the same ReplicaSets and Pods' -Skip:(-not $haveKubectl) {
        $rollout = Get-AppRollout app-citas
        $replicaSets = (kc get rs -l deployment=app-citas -o json | ConvertFrom-Json).items
        $pods = (kc get pods -l deployment=app-citas -o json | ConvertFrom-Json).items

        @($replicaSets.metadata.name | Sort-Object) | Should -Be @($rollout.ReplicaSets.Name | Sort-Object)
        @($pods.metadata.name | Sort-Object) | Should -Be @($rollout.Pods.Name | Sort-Object)
    }

    It 'Remove-ImageTag citas:prod leaves the app running v1, untouched' {
        $before = Get-AppRollout app-citas

        Remove-ImageTag citas:prod -Force
        $after = Get-AppRollout app-citas

        $after.Revision | Should -Be $before.Revision
        $after.Digest | Should -Be $v1.Image
        $after.Status | Should -Be 'Complete'
        $after.Triggers | Should -Be @('citas:prod')
        $after.ImageTags | Should -Not -Contain 'citas:prod'
        $after.ImageTags | Should -Contain 'citas:v1'
    }

    It 'Set-ImageTag citas:v2 citas:prod -Wait returns the complete rollout on the v2 digest' {
        $rollouts = @(Set-ImageTag citas:v2 citas:prod -Wait -Timeout 00:01:00)

        $rollouts.Count | Should -Be 1
        $rollout = $rollouts[0]
        $rollout | Should -BeOfType ([ImageStreamPS.Model.AppRollout])
        $rollout.Name | Should -Be 'app-citas'
        $rollout.Status | Should -Be 'Complete'
        $rollout.Digest | Should -Be $v2.Image
        $rollout.Revision | Should -Be 2
        $rollout.NewReplicaSet.Digest | Should -Be $v2.Image
        $rollout.NewReplicaSet.Ready | Should -Be 1
        $old = @($rollout.ReplicaSets | Where-Object Name -ne $rollout.NewReplicaSet.Name)
        $old.Count | Should -Be 1
        $old | ForEach-Object { $_.Desired | Should -Be 0; $_.Current | Should -Be 0 }
        $rollout.Pods.Image | Should -Not -Contain $v1.PullSpec
    }

    It 'the same route now answers v2' {
        Invoke-RestMethod "$($route.Url)/version" | Should -Be 'v2'
    }

    It 'kubectl sees the new ReplicaSet on v2 and the old one at 0' -Skip:(-not $haveKubectl) {
        $replicaSets = (kc get rs -l deployment=app-citas -o json | ConvertFrom-Json).items
        $current = $replicaSets | Where-Object { $_.metadata.annotations.'deployment.kubernetes.io/revision' -eq '2' }
        $current.spec.template.spec.containers[0].image | Should -Be $v2.PullSpec
        $current.status.readyReplicas | Should -Be 1
        ($replicaSets | Where-Object { $_.metadata.annotations.'deployment.kubernetes.io/revision' -eq '1' }).spec.replicas | Should -Be 0
    }
}

Describe 'Rollouts that cannot finish' {
    BeforeAll {
        # An image no kubelet can parse (an upper-case repository): its pods wait in InvalidImageName.
        $manifest = @{
            apiVersion = 'apps/v1'; kind = 'Deployment'
            metadata = @{ name = 'stuck'; namespace = 'myproject' }
            spec = @{
                replicas = 1; progressDeadlineSeconds = 600
                selector = @{ matchLabels = @{ deployment = 'stuck' } }
                template = @{
                    metadata = @{ labels = @{ deployment = 'stuck' } }
                    spec = @{ containers = @(@{ name = 'stuck'; image = 'Not/A/Valid:Image' }) }
                }
            }
        }
    }

    It 'reports Failed with an AppRolloutFailed error once the progress deadline passes' -Skip:(-not $haveKubectl) {
        $manifest.metadata.name = 'stuck-deadline'; $manifest.spec.progressDeadlineSeconds = 2
        $manifest.spec.selector.matchLabels.deployment = 'stuck-deadline'; $manifest.spec.template.metadata.labels.deployment = 'stuck-deadline'
        $manifest | ConvertTo-Json -Depth 10 | kc create --validate=false -f - | Out-Null

        $rollout = Get-AppRollout stuck-deadline -Wait -Timeout 00:01:00 -ErrorVariable failures -ErrorAction SilentlyContinue

        $rollout.Status | Should -Be 'Failed'
        $rollout.Message | Should -Be 'deployment "stuck-deadline" exceeded its progress deadline'
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'AppRolloutFailed,ImageStreamPS.Commands.GetAppRolloutCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidResult'
    }

    It 'times out with an OperationTimeout error that names the InvalidImageName pod' -Skip:(-not $haveKubectl) {
        $manifest.metadata.name = 'stuck-pull'; $manifest.spec.progressDeadlineSeconds = 600
        $manifest.spec.selector.matchLabels.deployment = 'stuck-pull'; $manifest.spec.template.metadata.labels.deployment = 'stuck-pull'
        $manifest | ConvertTo-Json -Depth 10 | kc create --validate=false -f - | Out-Null

        $rollout = Get-AppRollout stuck-pull -Wait -Timeout 00:00:03 -ErrorVariable failures -ErrorAction SilentlyContinue

        $rollout | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'AppRolloutTimeout,ImageStreamPS.Commands.GetAppRolloutCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $failures[0].Exception.Message | Should -Match 'Timed out after 3s waiting for deployment "stuck-pull"'
        $failures[0].Exception.Message | Should -Match 'is InvalidImageName: Failed to apply default image tag'
        $failures[0].TargetObject.Name | Should -Be 'stuck-pull'
    }

    It 'stops waiting when the pipeline is stopped (Ctrl+C)' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddCommand('Import-Module').AddParameter('Name', $env:IMAGESTREAMPS_MODULE_PATH).AddStatement()
            $null = $ps.AddCommand('Connect-OpenShift').AddParameter('KubeConfig', $sandbox.KubeConfigPath).AddStatement()
            $null = $ps.AddCommand('Get-AppRollout').AddParameter('Name', 'stuck-pull').AddParameter('Wait').AddParameter('Timeout', [timespan]::FromMinutes(5))
            $running = $ps.BeginInvoke()
            # Wait until the cmdlet is following the rollout (its progress record), then stop it.
            $deadline = [datetime]::UtcNow.AddSeconds(30)
            while ($ps.Streams.Progress.Count -eq 0 -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $ps.Streams.Progress.Count | Should -BeGreaterThan 0
            $stopped = $ps.BeginStop($null, $null)
            # A hang guard, not a timing assertion: a stop that never completes fails here.
            $stopped.AsyncWaitHandle.WaitOne([timespan]::FromSeconds(20)) | Should -BeTrue
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $running.IsCompleted | Should -BeTrue
        }
        finally {
            $ps.Dispose()
        }
    }
}

Describe 'Input errors and -WhatIf' {
    It 'Get-AppRollout of a missing app is ObjectNotFound' {
        Get-AppRollout nope -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'AppRolloutNotFound,ImageStreamPS.Commands.GetAppRolloutCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be 'nope'
    }

    It 'Get-AppRollout with a wildcard that matches nothing returns nothing, quietly' {
        Get-AppRollout 'nothing-*' -ErrorVariable failures | Should -BeNullOrEmpty
        $failures.Count | Should -Be 0
    }

    It 'New-App rejects an invalid name before sending anything' {
        New-App citas:v1 -Name 'Not_Valid' -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'InvalidAppName,ImageStreamPS.Commands.NewAppCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'New-App of a missing stream is ImageStreamNotFound' {
        New-App nostream:v1 -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'ImageStreamNotFound,ImageStreamPS.Commands.NewAppCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'New-App of a tag without an image is ImageStreamTagNotResolved' {
        New-App citas:v9 -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'ImageStreamTagNotResolved,ImageStreamPS.Commands.NewAppCommand'
    }

    It 'New-App of an existing app is ResourceExists' {
        New-App citas:v1 -Name app-citas -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'DeploymentAlreadyExists,ImageStreamPS.Commands.NewAppCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ResourceExists'
    }

    It 'New-App -WhatIf creates nothing and -Port overrides the image''s ports' {
        New-App citas:v1 -Name whatif-app -Port 8080 -WhatIf | Should -BeNullOrEmpty
        Get-AppRollout whatif-app -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        $app = New-App citas:v1 -Name port-app -Port 8080, 8443 -Replicas 0 -Label @{ team = 'citas' } -Environment @{ MODE = 'test' }
        $app.Replicas | Should -Be 0
        $app.Labels['team'] | Should -Be 'citas'
        $route = New-AppRoute port-app
        $route.TargetPort | Should -Be '8080-tcp'
    }

    It 'New-AppRoute for a missing service is ServiceNotFound' {
        New-AppRoute -Service nope -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'ServiceNotFound,ImageStreamPS.Commands.NewAppRouteCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}
