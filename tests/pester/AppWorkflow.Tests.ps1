# After the tutorial: apps found and removed by their app label (oc get all / oc delete all -l app=),
# routes listed and removed, against the sandbox.
BeforeAll {
    Import-Module $env:IMAGESTREAMPS_MODULE_PATH -Force
    . (Join-Path $PSScriptRoot 'ImageStreamTestSupport.ps1')
    $context = Start-TestSandbox
    $session = $context.Session
    $ns = $session.Namespace

    New-ImageStream citas | Out-Null
    $script:v1 = Import-ImageTag citas:v1 -From docker.io/josedom24/citas-backend:v1
    $script:v2 = Import-ImageTag citas:v2 -From docker.io/josedom24/citas-backend:v2
    Set-ImageTag citas:v1 citas:prod
    New-App citas:prod -Name app-citas | Out-Null
    $script:route = New-AppRoute -Service app-citas -Port 10000
    Get-AppRollout app-citas -Wait -Timeout 00:01:00 | Out-Null
}

AfterAll {
    Stop-TestSandbox $context
}

Describe 'Get-App' {
    It 'finds what New-App and New-AppRoute made, by the app label, with the tags that drive it' {
        $app = Get-App app-citas

        $app | Should -BeOfType ([ImageStreamPS.Model.App])
        $app.Name | Should -Be 'app-citas'
        $app.Namespace | Should -Be $ns
        $app.Status | Should -Be 'Complete'
        $app.Ready | Should -Be '1/1'
        $app.Triggers | Should -Be @('citas:prod')
        $app.ImageTags | Should -Be @('citas:prod', 'citas:v1')
        $app.Image | Should -Be $v1.PullSpec
        $app.Digest | Should -Be $v1.Image
        $app.Url | Should -Be $route.Url
        $app.Objects | Should -Be @('route.route.openshift.io/app-citas', 'service/app-citas', 'deployment.apps/app-citas')
        $app.Rollouts.Name | Should -Be @('app-citas')
        $app.Rollouts[0].Pods.Count | Should -Be 1
        $app.Services.Name | Should -Be @('app-citas')
        $app.Services[0].Ports | Should -Be '10000/TCP'
        $app.Services[0].Type | Should -Be 'ClusterIP'
        $app.Routes.Name | Should -Be @('app-citas')
        $app.Session | Should -Be $session
    }

    It 'lists every app of the namespace, sorted, and filters with wildcards' {
        New-App citas:v2 -Name app-two | Out-Null

        (Get-App).Name | Should -Be @('app-citas', 'app-two')
        (Get-App app-t*).Name | Should -Be @('app-two')
        (Get-App app-two).Triggers | Should -Be @('citas:v2')
    }

    It 'reports an app nothing carries the label of as AppNotFound' {
        $e = { Get-App ghost -ErrorAction Stop } | Should -Throw -PassThru

        $e.FullyQualifiedErrorId | Should -Be 'AppNotFound,ImageStreamPS.Commands.GetAppCommand'
        $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e.TargetObject | Should -Be 'ghost'
        $e.Exception.Message | Should -Match 'app=ghost'
    }

    It 'shows a row per app, readable at 80 columns' {
        $text = Get-App app-citas | Out-String -Width 80
        $text | Should -Match '(?m)^NAME\s+READY\s+STATUS\s+TRIGGERS\s+URL'
        $text | Should -Match '(?m)^app-citas\s+1/1\s+Complete\s+citas:prod\s+http'
        ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
    }

    It 'lists each object in its list view, as oc get all names them' {
        $text = Get-App app-citas | Format-List | Out-String -Width 80
        $text | Should -Match 'deployment.apps/app-citas'
        $text | Should -Match 'service/app-citas'
        $text | Should -Match 'route.route.openshift.io/app-citas'
    }

    It 'converts to the List oc get all -l app=NAME -o yaml prints' {
        $yaml = Get-App app-citas | ConvertTo-OpenShiftYaml
        $yaml | Should -Match '(?m)^kind: List$'
        $yaml | Should -Match '(?m)^  kind: Deployment$'
        $yaml | Should -Match '(?m)^  kind: Service$'
        $yaml | Should -Match '(?m)^  kind: Route$'
    }
}

Describe 'Get-AppRoute' {
    It 'lists the namespace''s routes as oc get route does' {
        $routes = Get-AppRoute

        $routes.Name | Should -Be @('app-citas')
        $routes[0].Service | Should -Be 'app-citas'
        $routes[0].TargetPort | Should -Be '10000'
        $routes[0].Url | Should -Be $route.Url
        $routes[0].Session | Should -Be $session
    }

    It 'keeps the routes to one Service with -Service' {
        New-AppRoute -Service app-two -Port 10000 | Out-Null
        (Get-AppRoute -Service app-two).Name | Should -Be @('app-two')
        (Get-AppRoute app-*).Name | Should -Be @('app-citas', 'app-two')
    }

    It 'reports a route that does not exist as RouteNotFound' {
        $e = { Get-AppRoute ghost -ErrorAction Stop } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -Be 'RouteNotFound,ImageStreamPS.Commands.GetAppRouteCommand'
        $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Remove-AppRoute' {
    It 'deletes nothing with -WhatIf' {
        Remove-AppRoute app-two -WhatIf
        (Get-AppRoute app-two).Name | Should -Be 'app-two'
    }

    It 'deletes the routes piped in and reports each as oc delete does' {
        Get-AppRoute -Service app-two | Remove-AppRoute -Force -InformationVariable info

        @($info | ForEach-Object { "$($_.MessageData)" }) | Should -Be @('route.route.openshift.io "app-two" deleted')
        { Get-AppRoute app-two -ErrorAction Stop } | Should -Throw -ErrorId 'RouteNotFound,ImageStreamPS.Commands.GetAppRouteCommand'
        (Get-App app-two).Objects | Should -Be @('service/app-two', 'deployment.apps/app-two')
    }

    It 'reports a route that does not exist and goes on' {
        Remove-AppRoute ghost -Force -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.FullyQualifiedErrorId | Should -Be @('RouteNotFound,ImageStreamPS.Commands.RemoveAppRouteCommand')
    }
}

Describe 'Remove-App' {
    It 'lists each object it would delete with -WhatIf, and deletes nothing' {
        $text = Get-HostText { Remove-App app-two -WhatIf }

        $text | Should -Match 'What if: .*service/app-two'
        $text | Should -Match 'What if: .*deployment.apps/app-two'
        (Get-App app-two).Objects | Should -Be @('service/app-two', 'deployment.apps/app-two')
    }

    It 'refuses an app read from another session than -Session' {
        $other = Connect-OpenShift -KubeConfig $context.Sandbox.KubeConfigPath -NotDefault
        try {
            $e = { Get-App app-two | Remove-App -Session $other -Force -ErrorAction Stop } | Should -Throw -PassThru
            $e.FullyQualifiedErrorId | Should -Be 'SessionMismatch,ImageStreamPS.Commands.RemoveAppCommand'
            $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        }
        finally { $other | Disconnect-OpenShift }
        (Get-App app-two).Name | Should -Be 'app-two'
    }

    It 'deletes the Service and the Deployment, whose ReplicaSets and Pods the garbage collector removes' {
        Get-App app-two | Remove-App -Force -InformationVariable info

        @($info | ForEach-Object { "$($_.MessageData)" }) | Should -Be @('service "app-two" deleted', 'deployment.apps "app-two" deleted')
        { Get-App app-two -ErrorAction Stop } | Should -Throw -ErrorId 'AppNotFound,ImageStreamPS.Commands.GetAppCommand'
        { Get-AppRollout app-two -ErrorAction Stop } | Should -Throw -ErrorId 'AppRolloutNotFound,ImageStreamPS.Commands.GetAppRolloutCommand'
        (Get-App).Name | Should -Be @('app-citas')
        (Get-ImageTag citas:v2).Image | Should -Be $v2.Image
    }

    It 'reports an app that does not exist and goes on with the next one' {
        New-App citas:v2 -Name app-three | Out-Null
        Remove-App ghost, app-three -Force -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed.FullyQualifiedErrorId | Should -Be @('AppNotFound,ImageStreamPS.Commands.RemoveAppCommand')
        (Get-App).Name | Should -Be @('app-citas')
    }
}

Describe 'Image details (oc describe istag, oc import-image)' {
    It 'comes with every tag Import-ImageTag returns, from the import itself' {
        $v1.Details | Should -BeOfType ([ImageStreamPS.Model.ImageDetails])
        $v1.Details.Name | Should -Be $v1.Image
        $v1.Details.ImageStreamTag | Should -Be 'citas:v1'
        $v1.Details.PullSpec | Should -Be $v1.PullSpec
        $v1.Details.Architecture | Should -Be 'amd64'
        $v1.Details.ExposedPorts | Should -Be @('10000/tcp')
        $v1.Details.Labels['version'] | Should -Be 'v1'
        $v1.Details.Command | Should -Be @('python3', 'app.py')
        $v1.Details.WorkingDir | Should -Be '/app'
        $v1.Details.Created.ToUniversalTime() | Should -Be ([datetime]::new(2023, 2, 14, 10, 0, 0, [DateTimeKind]::Utc))
        $v1.Details.Layers.Count | Should -Be 1
        $v1.Details.Size | Should -BeGreaterThan $v1.Details.Layers[0].Size
        $v1.Details.SizeText | Should -Match '^\d+(\.\d+)?kB in 1 layers$'
        $v2.Details.Labels['version'] | Should -Be 'v2'
    }

    It 'is read by Get-ImageTag -Detailed with one request per distinct image, and only then' {
        $plain = Measure-Requests $context { $script:plainTags = Get-ImageTag citas }
        $detailed = Measure-Requests $context { $script:detailedTags = Get-ImageTag citas -Detailed }

        $plain.Keys | Where-Object { $_ -like '* imagestreamimages *' } | Should -BeNullOrEmpty
        @($plainTags | Where-Object Details) | Should -HaveCount 0
        $detailed['get imagestreamimages 200'] | Should -Be 2
        ($detailedTags | Where-Object Tag -eq 'v2').Details.Labels['version'] | Should -Be 'v2'
        ($detailedTags | Where-Object Tag -eq 'prod').Details.Name | Should -Be (Get-ImageTag citas:prod).Image
    }

    It 'shows what oc describe istag shows, readable at 80 columns' {
        $text = (Get-ImageTag citas:v2 -Detailed).Details | Format-List | Out-String -Width 80

        $text | Should -Match '(?m)^Image Name\s+: citas:v2'
        $text | Should -Match '(?m)^Image Size\s+: .*kB in 1 layers'
        $text | Should -Match '(?m)^Arch\s+: amd64'
        $text | Should -Match '(?m)^Command\s+: python3 app.py'
        $text | Should -Match '(?m)^Exposes Ports\s+: 10000/tcp'
        $text | Should -Match 'version=v2'
        ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
    }

    It 'converts to the Image OpenShift returns' {
        $yaml = $v1.Details | ConvertTo-OpenShiftYaml
        $yaml | Should -Match '(?m)^kind: Image$'
        $yaml | Should -Match '(?m)^apiVersion: image.openshift.io/v1$'
    }
}

Describe 'Tag history and rollout history' {
    It 'moves prod to v2, rolling app-citas out to revision 2' {
        Set-ImageTag citas:v2 citas:prod -Wait -Timeout 00:01:00 | Out-Null
        (Get-AppRollout app-citas).Digest | Should -Be $v2.Image
    }

    It 'lists the tag''s history as objects, newest first, with the index Undo-ImageTag takes' {
        $history = (Get-ImageTag citas:prod).History

        $history.Index | Should -Be @(0, 1)
        $history.Tag | Should -Be @('citas:prod', 'citas:prod')
        $history.Image | Should -Be @($v2.Image, $v1.Image)
        $history.PullSpec | Should -Be @($v2.PullSpec, $v1.PullSpec)
        $history[0].Generation | Should -BeGreaterThan $history[1].Generation
        $history[0].Created | Should -BeGreaterOrEqual $history[1].Created
    }

    It 'shows the history as a table at 80 columns' {
        $text = (Get-ImageTag citas:prod).History | Out-String -Width 80
        $text | Should -Match '(?m)^\s+INDEX\s+IMAGE\s+TAGS\s+TAGGED\s+GENERATION\s+PULL SPEC'
        $text | Should -Match '(?m)^\s+0 sha256:'
        ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
    }

    It 'lists the rollout''s revisions as oc rollout history does, with what each one ran' {
        $revisions = Get-AppRollout app-citas -History

        $revisions | Should -BeOfType ([ImageStreamPS.Model.AppRolloutRevision])
        $revisions.Revision | Should -Be @(1, 2)
        $revisions.App | Should -Be @('app-citas', 'app-citas')
        $revisions.Digest | Should -Be @($v1.Image, $v2.Image)
        $revisions[0].ImageTags | Should -Be @('citas:v1')
        $revisions[1].ImageTags | Should -Be @('citas:v2', 'citas:prod')
        $revisions.IsCurrent | Should -Be @($false, $true)
        $revisions[0].ChangeCause | Should -BeNullOrEmpty
        $revisions[0].ReplicaSet | Should -BeLike 'app-citas-*'
        $revisions[1].Desired | Should -Be 1
    }

    It 'shows the revisions like oc rollout history, at 80 columns' {
        $text = Get-AppRollout app-citas -History | Out-String -Width 80

        $text | Should -Match '(?m)^\s*REVISION RUNS\s+AGE\s+REPLICASET\s+CHANGE-CAUSE'
        $text | Should -Match '(?m)^\s+1 citas:v1\s+\S+\s+app-citas-\S+\s+<none>'
        ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
    }

    It 'reports a rollout that does not exist' {
        { Get-AppRollout ghost -History -ErrorAction Stop } | Should -Throw -ErrorId 'AppRolloutNotFound,ImageStreamPS.Commands.GetAppRolloutCommand'
    }
}

Describe 'Tab completion of apps and routes' {
    BeforeAll {
        function Get-Completion([string] $Line) {
            @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText)
        }
    }

    It 'completes app names from the cluster: <_>' -ForEach 'Get-App app-c', 'Remove-App app-c' {
        Get-Completion $_ | Should -Be @('app-citas')
    }

    It 'completes route names from the cluster' {
        Get-Completion 'Remove-AppRoute app' | Should -Be @('app-citas')
        Get-Completion 'Get-AppRoute a' | Should -Be @('app-citas')
    }
}
