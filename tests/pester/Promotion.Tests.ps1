# Promotion between clusters (#17): two sandboxes as two clusters, staging and prod. A piped tag is the
# source, -Session names the destination, which imports the source image by digest and proves it.
BeforeAll {
    Import-Module $env:IMAGESTREAMPS_MODULE_PATH -Force
    . (Join-Path $PSScriptRoot 'ImageStreamTestSupport.ps1')

    function Start-Cluster {
        $data = Join-Path ([IO.Path]::GetTempPath()) ("isps-promote-" + [guid]::NewGuid().ToString('n'))
        $sandbox = Start-OpenShiftSandbox -Seed Tutorial -DataPath $data
        $session = Connect-OpenShift -KubeConfig $sandbox.KubeConfigPath -NotDefault
        [pscustomobject]@{ Sandbox = $sandbox; DataPath = $data; Session = $session }
    }

    # The cluster's token, as a registry login (what `podman login -u x -p $(oc whoami -t)` uses).
    function Get-RegistryCredential($Cluster) {
        $token = (Select-String -Path $Cluster.Sandbox.KubeConfigPath -Pattern '^\s*token:\s*(\S+)').Matches[0].Groups[1].Value
        [pscredential]::new('developer', (ConvertTo-SecureString $token -AsPlainText -Force))
    }

    # Pushes the seeded v2 image to the cluster's integrated registry as $Repository:$Tag, as a build or
    # `podman push` would: the stream gets a tag whose image lives in that registry. -Label makes it an image
    # of its own (a config blob no other cluster has).
    function Push-Image($Cluster, [string] $Repository, [string] $Tag, [string] $Label) {
        $login = (Get-RegistryCredential $Cluster).GetNetworkCredential()
        $basic = @{ Authorization = 'Basic ' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("$($login.UserName):$($login.Password)")) }
        $registry = "http://$($Cluster.Sandbox.RegistryEndpoint)"
        $type = 'application/vnd.docker.distribution.manifest.v2+json'
        $manifest = (Invoke-WebRequest "$registry/v2/josedom24/citas-backend/manifests/v2" -Headers ($basic + @{ Accept = $type })).Content
        if ($Label) {
            $text = { param($content) if ($content -is [byte[]]) { [Text.Encoding]::UTF8.GetString($content) } else { $content } }
            $document = (& $text $manifest) | ConvertFrom-Json
            $config = (& $text (Invoke-WebRequest "$registry/v2/josedom24/citas-backend/blobs/$($document.config.digest)" -Headers $basic).Content) | ConvertFrom-Json
            $config.config.Labels | Add-Member -NotePropertyName promoted -NotePropertyValue $Label -Force
            $bytes = [Text.Encoding]::UTF8.GetBytes(($config | ConvertTo-Json -Depth 20 -Compress))
            $digest = 'sha256:' + [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($bytes)).ToLowerInvariant()
            $null = Invoke-WebRequest -Method Post "$registry/v2/$Repository/blobs/uploads/?digest=$digest" -Headers $basic -ContentType 'application/octet-stream' -Body $bytes
            $document.config.digest = $digest
            $document.config.size = $bytes.Length
            $manifest = $document | ConvertTo-Json -Depth 20 -Compress
        }
        $null = Invoke-WebRequest -Method Put "$registry/v2/$Repository/manifests/$Tag" -Headers $basic -ContentType $type -Body $manifest
    }

    function Get-Secret($Cluster, [string] $Name) {
        $uri = "$($Cluster.Sandbox.Server.AbsoluteUri.TrimEnd('/'))/api/v1/namespaces/$($Cluster.Session.Namespace)/secrets/$Name"
        Invoke-RestMethod -Uri $uri -Headers (Get-TestHeaders $Cluster) -SkipCertificateCheck -SkipHttpErrorCheck -StatusCodeVariable status
        $script:secretStatus = $status
    }

    # The writes among a step's requests; an ImageStreamImport with import:false (the check) stores nothing.
    function Get-Writes($Made) { @($Made.Keys | Where-Object { $_ -match '^(update|create|delete|patch) ' -and $_ -notmatch '^create imagestreamimports ' }) }

    $staging = Start-Cluster
    $prod = Start-Cluster
    $hub = 'docker.io/josedom24/citas-backend'
    $v1 = Import-ImageTag citas:v1 -From "${hub}:v1" -Force -Session $staging.Session
    $v2 = Import-ImageTag citas:v2 -From "${hub}:v2" -Force -Session $staging.Session
    $null = Import-ImageTag citas:v1 -From "${hub}:v1" -Force -Session $prod.Session
    Set-ImageTag citas:v1 citas:prod -Session $prod.Session
    $null = New-App citas:prod -Name app-citas -Session $prod.Session
    Push-Image $staging 'myproject/app' 'v1'
    $pushed = Get-ImageTag app:v1 -Session $staging.Session
    $route = $staging.Sandbox.RegistryEndpoint
    $stagingServer = $staging.Session.Server.Authority
    $prodServer = $prod.Session.Server.Authority
}

AfterAll {
    Stop-TestSandbox $staging
    Stop-TestSandbox $prod
}

Describe 'Set-ImageTag from one cluster to another' {
    It '-WhatIf shows what the destination imports and which Deployment there would roll, from which image to which, and writes nothing' {
        Set-ImageTag citas:v1 citas:prod -Session $prod.Session
        $made = $null
        $text = Get-HostText {
            $script:made = Measure-Requests $prod { Get-ImageTag citas:v2 -Session $staging.Session | Set-ImageTag -Destination citas:prod -Session $prod.Session -WhatIf }
        }

        $text | Should -Match ([regex]::Escape("What if: Promote myproject/citas:v2 ($($v2.Image)) from $stagingServer to myproject/citas:prod on ${prodServer}: $prodServer imports $hub@$($v2.Image)"))
        # The promoted image has no tag on the destination yet: it is named by its source tag and cluster.
        $text | Should -Match ([regex]::Escape("would roll out deployment/app-citas container citas: citas:v1 ($($v1.Image.Substring(0, 19))) -> myproject/citas:v2 on $stagingServer ($($v2.Image.Substring(0, 19)))"))
        Get-Writes $made | Should -BeNullOrEmpty
        (Get-ImageTag citas:prod -Session $prod.Session).Image | Should -Be $v1.Image
    }

    It '-Wait sets the destination tag by digest, proves it, and returns the rollout it caused, all of the destination session' {
        Set-ImageTag citas:v1 citas:prod -Session $prod.Session -Wait | Out-Null

        $out = Get-ImageTag citas:v2 -Session $staging.Session | Set-ImageTag -Destination citas:prod -Session $prod.Session -Wait -PassThru -InformationVariable told

        $rollout = @($out | Where-Object { $_ -is [ImageStreamPS.Model.AppRollout] })
        $tag = @($out | Where-Object { $_ -is [ImageStreamPS.Model.ImageTag] })
        $rollout.Count | Should -Be 1
        $rollout[0].Name | Should -Be 'app-citas'
        $rollout[0].Status | Should -Be 'Complete'
        $rollout[0].Digest | Should -Be $v2.Image
        $rollout[0].Session | Should -Be $prod.Session
        $tag.Count | Should -Be 1
        $tag[0].Name | Should -Be 'citas:prod'
        $tag[0].Image | Should -Be $v2.Image
        $tag[0].SourceKind | Should -Be 'DockerImage'
        $tag[0].Source | Should -Be "$hub@$($v2.Image)"
        $tag[0].Session | Should -Be $prod.Session
        "$told" | Should -Be "Promoted myproject/citas:v2 to myproject/citas:prod: $($v2.Image), verified on $prodServer."
        (Get-ImageTag citas:v2 -Session $staging.Session).Image | Should -Be $v2.Image
    }

    It 'without -Session a piped tag is tagged within its own cluster, as before' {
        $copy = Get-ImageTag citas:v2 -Session $staging.Session | Set-ImageTag -Destination citas:copy -PassThru

        $copy.Session | Should -Be $staging.Session
        $copy.SourceKind | Should -Be 'ImageStreamImage'
        $copy.Image | Should -Be $v2.Image
    }

    It 'only Set-ImageTag takes a piped tag as a source for -Session''s cluster: Remove-ImageTag refuses it (SessionMismatch)' {
        Get-ImageTag citas:v1 -Session $staging.Session | Remove-ImageTag -Session $prod.Session -Force -ErrorVariable refused -ErrorAction SilentlyContinue

        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -Be 'SessionMismatch,ImageStreamPS.Commands.RemoveImageTagCommand'
        (Get-ImageTag citas:v1 -Session $staging.Session).Image | Should -Be $v1.Image
        (Get-ImageTag citas:v1 -Session $prod.Session).Image | Should -Be $v1.Image
    }

    It '-SourceSession names a source on another cluster without a pipeline' {
        $tag = Set-ImageTag citas:v2 citas:named -SourceSession $staging.Session -Session $prod.Session -PassThru

        $tag.Image | Should -Be $v2.Image
        $tag.Source | Should -Be "$hub@$($v2.Image)"
        $tag.Session | Should -Be $prod.Session
    }
}

Describe 'Promoting an image of the source cluster''s own registry' {
    It 'is pulled through the registry''s public route, and without a login the destination is refused and nothing changes' {
        $made = Measure-Requests $prod {
            $pushed | Set-ImageTag -Destination app:live -Session $prod.Session -Insecure -ErrorVariable failures -ErrorAction SilentlyContinue
            $script:failures = $failures
        }

        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'ImageImportUnauthorized,ImageStreamPS.Commands.SetImageTagCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failures[0].TargetObject | Should -Be 'myproject/app:live'
        $failures[0].ErrorDetails.Message | Should -Match ([regex]::Escape("cannot pull $route/myproject/app@$($pushed.Image)"))
        $failures[0].ErrorDetails.Message | Should -Match 'pass -Credential'
        $failures[0].ErrorDetails.Message | Should -Match 'nothing was changed$'
        Get-Writes $made | Should -BeNullOrEmpty
        Get-ImageTag app:live -Session $prod.Session -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'with -Credential the login goes into a pull secret and the destination imports the same digest' {
        $credential = Get-RegistryCredential $staging
        $tag = $pushed | Set-ImageTag -Destination app:live -Session $prod.Session -Insecure -Credential $credential -PassThru -Verbose 4>&1 |
            Tee-Object -Variable stream | Where-Object { $_ -is [ImageStreamPS.Model.ImageTag] }

        $tag.Image | Should -Be $pushed.Image
        $tag.Source | Should -Be "$route/myproject/app@$($pushed.Image)"
        $tag.PullSpec | Should -Be "$route/myproject/app@$($pushed.Image)"
        $tag.Session | Should -Be $prod.Session
        $secret = Get-Secret $prod "$($route -replace ':', '-')-pull"
        $secretStatus | Should -Be 200
        $secret.type | Should -Be 'kubernetes.io/dockerconfigjson'
        $config = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($secret.data.'.dockerconfigjson')) | ConvertFrom-Json -AsHashtable
        $config.auths[$route].username | Should -Be 'developer'
        $config.auths[$route].password | Should -Be $credential.GetNetworkCredential().Password
        ($stream | Out-String) | Should -Not -Match ([regex]::Escape($credential.GetNetworkCredential().Password))
    }

    It 'takes the pull secret back when the destination cannot import (a plain-HTTP registry without -Insecure)' {
        $credential = Get-RegistryCredential $staging
        $made = Measure-Requests $prod {
            $pushed | Set-ImageTag -Destination app:strict -Session $prod.Session -Credential $credential -PullSecretName staging-registry `
                -ErrorVariable failures -ErrorAction SilentlyContinue
            $script:failures = $failures
        }

        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'ImageImportInsecure,ImageStreamPS.Commands.SetImageTagCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'SecurityError'
        $failures[0].ErrorDetails.Message | Should -Match 'pass -Insecure'
        $failures[0].ErrorDetails.Message | Should -Not -Match ([regex]::Escape($credential.GetNetworkCredential().Password))
        $made['create secrets 201'] | Should -Be 1
        $made['delete secrets 200'] | Should -Be 1
        $null = Get-Secret $prod 'staging-registry'
        $secretStatus | Should -Be 404
        Get-ImageTag app:strict -Session $prod.Session -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

# What oc image mirror (oc pkg/cli/image/mirror: plan, then blobs the destination lacks, then manifests) does.
Describe 'Set-ImageTag -Mirror, for clusters that cannot reach each other' {
    It 'copies the image through this machine into the destination''s registry with the user''s own logins, and writes no secret' {
        Push-Image $staging 'myproject/unique' 'v1' -Label ([guid]::NewGuid().ToString('n'))
        $pushed = Get-ImageTag unique:v1 -Session $staging.Session
        $made = Measure-Requests $prod {
            $script:out = $pushed | Set-ImageTag -Destination mirrored:v1 -Session $prod.Session -Mirror -Insecure -PassThru -Verbose 4>&1
        }
        $again = $pushed | Set-ImageTag -Destination mirrored:v2 -Session $prod.Session -Mirror -Insecure -Verbose 4>&1

        $tag = @($out | Where-Object { $_ -is [ImageStreamPS.Model.ImageTag] })
        $tag.Count | Should -Be 1
        $tag[0].Image | Should -Be $pushed.Image
        $tag[0].PullSpec | Should -Be "image-registry.openshift-image-registry.svc:5000/myproject/mirrored@$($pushed.Image)"
        $tag[0].Session | Should -Be $prod.Session
        "$($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })" | Should -Match 'Copied 1 of 2 blobs'
        "$($again | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })" | Should -Match 'Copied 0 of \d+ blobs \(0\.0 MB\)'
        (Get-ImageTag mirrored:v2 -Session $prod.Session).Image | Should -Be $pushed.Image
        $made.Keys | Where-Object { $_ -match 'secrets' } | Should -BeNullOrEmpty
        $made.Keys | Where-Object { $_ -match '^create imagestreamimports ' } | Should -BeNullOrEmpty
    }

    It 'with a login the source registry refuses it is ImageImportUnauthorized and the stream it made for the copy is gone' {
        $wrong = [pscredential]::new('developer', (ConvertTo-SecureString 'not-the-token' -AsPlainText -Force))
        $pushed | Set-ImageTag -Destination refused:v1 -Session $prod.Session -Mirror -Insecure -Credential $wrong -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'ImageImportUnauthorized,ImageStreamPS.Commands.SetImageTagCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failures[0].ErrorDetails.Message | Should -Match ([regex]::Escape("registry $route refused a pull of myproject/app"))
        $failures[0].ErrorDetails.Message | Should -Not -Match 'not-the-token'
        Get-ImageStream refused -Session $prod.Session -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

Describe 'What a promotion refuses before writing' {
    It 'a tag missing on the source is ImageTagNotFound and the destination gets no request' {
        $made = Measure-Requests $prod {
            Set-ImageTag citas:nosuch citas:prod -SourceSession $staging.Session -Session $prod.Session -ErrorVariable failures -ErrorAction SilentlyContinue
            $script:failures = $failures
        }

        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'ImageTagNotFound,ImageStreamPS.Commands.SetImageTagCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Get-RequestTotal $made | Should -Be 0
    }

    It '-Alias and -Reference cannot reach across clusters' {
        Get-ImageTag citas:v2 -Session $staging.Session | Set-ImageTag -Destination citas:alias -Session $prod.Session -Alias -ErrorVariable alias -ErrorAction SilentlyContinue
        Get-ImageTag citas:v2 -Session $staging.Session | Set-ImageTag -Destination citas:ref -Session $prod.Session -Reference -ErrorVariable reference -ErrorAction SilentlyContinue

        $alias[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $alias[0].ErrorDetails.Message | Should -Match 'cannot follow a tag on another cluster'
        $reference[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-ImageTag citas:alias, citas:ref -Session $prod.Session -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}
