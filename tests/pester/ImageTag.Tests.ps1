# The tutorial's image steps with Import-, Get-, Set- and Remove-ImageTag against the sandbox:
# objects, the describe text, -WhatIf, error records, and the requests of each step against oc's.
BeforeAll {
    Import-Module $env:IMAGESTREAMPS_MODULE_PATH -Force
    . (Join-Path $PSScriptRoot 'ImageStreamTestSupport.ps1')
    $context = Start-TestSandbox
    $ns = $context.Session.Namespace
    $hub = 'docker.io/josedom24/citas-backend'
}

AfterAll {
    Stop-TestSandbox $context
}

Describe 'The tutorial image steps' {
    It 'creates the stream (oc create is citas: one request)' {
        $made = Measure-Requests $context { New-ImageStream citas }
        Get-RequestTotal $made | Should -Be 1
    }

    It 'imports v1 with the requests oc import-image makes (GET the stream, POST the import)' {
        $made = Measure-Requests $context { $script:v1 = Import-ImageTag citas:v1 -From "${hub}:v1" }

        $made['get imagestreams 200'] | Should -Be 1
        $made['create imagestreamimports 201'] | Should -Be 1
        Get-RequestTotal $made | Should -Be 2
        $v1.Name | Should -Be 'citas:v1'
        $v1.ImageStream | Should -Be 'citas'
        $v1.Tag | Should -Be 'v1'
        $v1.Namespace | Should -Be $ns
        $v1.SourceKind | Should -Be 'DockerImage'
        $v1.Source | Should -Be "${hub}:v1"
        $v1.Mode | Should -Be 'Tagged'
        $v1.Image | Should -Match '^sha256:[0-9a-f]{64}$'
        $v1.PullSpec | Should -Be "$hub@$($v1.Image)"
        $v1.History.Count | Should -Be 1
        $v1.History[0].Image | Should -Be $v1.Image
        $v1.ImportError | Should -BeNullOrEmpty
        $v1.Session | Should -Be $context.Session
        $v1.ToString() | Should -Be "$ns/citas:v1"
        $v1.PSObject.TypeNames[0] | Should -Be 'ImageStreamPS.Model.ImageTag'
    }

    It 'imports v2' {
        $script:v2 = Import-ImageTag citas:v2 -From "${hub}:v2"
        $v2.Image | Should -Match '^sha256:[0-9a-f]{64}$'
        $v2.Image | Should -Not -Be $v1.Image
    }

    It 'describes 2 unique images and 2 tags, as oc describe is does' {
        $made = Measure-Requests $context { $script:stream = Get-ImageStream citas }
        Get-RequestTotal $made | Should -Be 1

        $stream.UniqueImageCount | Should -Be 2
        $stream.TagCount | Should -Be 2
        $text = $stream.Description
        $text | Should -Match "(?m)^Unique Images:\t\t2$"
        $text | Should -Match "(?m)^Tags:\t\t\t2$"
        $text | Should -Match "(?m)^v1\n  tagged from ${hub}:v1\n\n  \* $hub@$($v1.Image)\n      (\d+ seconds?|Less than a second|About a minute) ago$"
        $list = $stream | Format-List | Out-String
        $list | Should -Match 'Unique Images\s+: 2'
        $list | Should -Match "tagged from ${hub}:v2"
    }

    It 'tags latest and prod from v2 and v1 with the requests oc tag makes (GET the stream, PUT the istag)' {
        $made = Measure-Requests $context { Set-ImageTag citas:v2 citas:latest }
        $made['get imagestreams 200'] | Should -Be 1
        $made['update imagestreamtags 201'] | Should -Be 1
        Get-RequestTotal $made | Should -Be 2

        $prod = Set-ImageTag citas:v1 citas:prod -PassThru
        $prod.Name | Should -Be 'citas:prod'
        $prod.SourceKind | Should -Be 'ImageStreamImage'
        $prod.Source | Should -Be "citas@$($v1.Image)"
        $prod.Image | Should -Be $v1.Image
    }

    It 'shows 4 tags over 2 images, the new ones "tagged from citas@sha256:…"' {
        $stream = Get-ImageStream citas
        $stream.TagCount | Should -Be 4
        $stream.UniqueImageCount | Should -Be 2
        $stream.Tags.Tag | Should -Be @('latest', 'prod', 'v1', 'v2')
        $text = $stream.Description
        $text | Should -Match "(?m)^Tags:\t\t\t4$"
        $text | Should -Match "(?m)^latest\n  tagged from citas@$($v2.Image)\n\n  \* $hub@$($v2.Image)$"
        $text | Should -Match "(?m)^prod\n  tagged from citas@$($v1.Image)\n"
    }

    It 'lists tags like oc get istag' {
        $made = Measure-Requests $context { $script:tags = Get-ImageTag citas }
        Get-RequestTotal $made | Should -Be 1
        $tags.Name | Should -Be @('citas:latest', 'citas:prod', 'citas:v1', 'citas:v2')
        (Get-ImageTag 'citas:v*').Tag | Should -Be @('v1', 'v2')
        (Get-ImageTag "$ns/citas:v1").Image | Should -Be $v1.Image
        (Get-ImageTag "citas@$($v1.Image.Substring(7, 12))").Tag | Should -Be @('prod', 'v1')
        # oc's own column order is the Wide view; the default view is View.Tests.ps1's.
        $table = Get-ImageTag citas:v1 | Format-Table -View Wide | Out-String -Width 300
        $table | Should -Match 'NAME\s+IMAGE REFERENCE\s+UPDATED'
        $table | Should -Match "citas:v1\s+$([regex]::Escape("$hub@$($v1.Image)"))"
    }

    It 'deletes a tag with Remove-ImageTag (one DELETE, like oc tag -d)' {
        $made = Measure-Requests $context { Remove-ImageTag citas:latest -Force }
        $made.Keys | Should -Be @('delete imagestreamtags 200')
        Get-ImageTag citas:latest -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'deletes a piped tag, like oc delete istag' {
        Get-ImageTag citas:prod | Remove-ImageTag -Force
        (Get-ImageStream citas).Tags.Tag | Should -Be @('v1', 'v2')
    }
}

Describe 'Set-ImageTag' {
    BeforeAll {
        # A Deployment following citas:prod, as oc new-app creates it (trigger annotation), running v1.
        $deployment = @{
            apiVersion = 'apps/v1'; kind = 'Deployment'
            metadata   = @{
                name        = 'app-citas'
                annotations = @{ 'image.openshift.io/triggers' = '[{"from":{"kind":"ImageStreamTag","name":"citas:prod","namespace":"' + $ns + '"},"fieldPath":"spec.template.spec.containers[?(@.name==\"citas\")].image"}]' }
            }
            spec       = @{
                replicas = 1
                selector = @{ matchLabels = @{ deployment = 'app-citas' } }
                template = @{
                    metadata = @{ labels = @{ deployment = 'app-citas' } }
                    spec     = @{ containers = @(@{ name = 'citas'; image = "$hub@$($v1.Image)" }) }
                }
            }
        } | ConvertTo-Json -Depth 10
        $uri = "$($context.Sandbox.Server.AbsoluteUri.TrimEnd('/'))/apis/apps/v1/namespaces/$ns/deployments"
        $null = Invoke-RestMethod -Method Post -Uri $uri -Body $deployment -ContentType 'application/json' -Headers (Get-TestHeaders $context) -SkipCertificateCheck
        Set-ImageTag citas:v1 citas:prod
    }

    It '-WhatIf names the Deployment the move would roll out, with its current and next image, and writes nothing' {
        $made = $null
        $text = Get-HostText { $script:made = Measure-Requests $context { Set-ImageTag citas:v2 citas:prod -WhatIf } }

        $text | Should -Match ([regex]::Escape("What if: Set tag $ns/citas:prod to ImageStreamImage citas@$($v2.Image)"))
        # Images are named by the tags that point at them (prod itself last) and their short digests.
        $nextTags = (Get-ImageTag citas | Where-Object { $_.Image -eq $v2.Image -and $_.Tag -ne 'prod' }).Name -join ','
        $text | Should -Match ([regex]::Escape("would roll out deployment/app-citas container citas: citas:v1 ($($v1.Image.Substring(0, 19))) -> $nextTags ($($v2.Image.Substring(0, 19)))"))
        $made.Keys | Where-Object { $_ -match '^(update|create|delete|patch) ' } | Should -BeNullOrEmpty
        (Get-ImageTag citas:prod).Image | Should -Be $v1.Image
    }

    It 'takes piped tags and sets several destinations' {
        $tags = Get-ImageTag citas:v2 | Set-ImageTag -Destination citas:stage, citas:qa -PassThru
        $tags.Name | Should -Be @('citas:stage', 'citas:qa')
        $tags | ForEach-Object { $_.Image | Should -Be $v2.Image }
    }

    It 'tags the image a piped tag showed, without a precondition, even after its source tag moved (as oc tag sends it)' {
        $asRead = Get-ImageTag citas:v2
        Set-ImageTag citas:v1 citas:moving
        $shown = Get-ImageTag citas:moving
        Set-ImageTag citas:v2 citas:moving
        $made = Measure-Requests $context { $script:result = $shown | Set-ImageTag -Destination citas:canary -PassThru }

        $made.Keys | Where-Object { $_ -match ' 409$' } | Should -BeNullOrEmpty
        $made['update imagestreamtags 201'] | Should -Be 1
        $result.Image | Should -Be $v1.Image
        $asRead.Image | Should -Be $v2.Image
    }

    It 'tags across namespaces, naming the source namespace' {
        $made = Measure-Requests $context { $script:other = Set-ImageTag "$ns/citas:v1" default/citas:v1 -PassThru }
        $other.Namespace | Should -Be 'default'
        $other.Source | Should -Be "$ns/citas@$($v1.Image)"
        $other.Image | Should -Be $v1.Image
    }

    It '-Alias follows the source tag' {
        $alias = Set-ImageTag citas:v2 citas:follow -Alias -PassThru
        $alias.Mode | Should -Be 'Alias'
        $alias.SourceKind | Should -Be 'ImageStreamTag'
        $alias.Source | Should -Be 'citas:v2'
    }

    It 'rejects a bad destination tag before any request' {
        $made = Measure-Requests $context { try { Set-ImageTag citas:v1 'citas:-bad' -ErrorAction Stop } catch { $script:caught = $_ } }
        Get-RequestTotal $made | Should -Be 0
        $caught.FullyQualifiedErrorId | Should -Be 'ImageTagNameInvalid,ImageStreamPS.Commands.SetImageTagCommand'
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'refuses a source tag without an image with oc''s message' {
        $caught = $null
        try { Set-ImageTag citas:v9 citas:x -ErrorAction Stop } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be 'ImageTagNotFound,ImageStreamPS.Commands.SetImageTagCommand'
        $caught.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $caught.Exception.Message | Should -Be '"citas:v9" is not currently pointing to an image, cannot use it as the source of a tag'
    }
}

Describe 'Import-ImageTag failures' {
    It 'reports a tag the registry does not have as an ErrorRecord with the registry''s reason, and keeps the other tags' {
        $caught = $null
        try { Import-ImageTag citas:v9 -From "${hub}:v9" -ErrorAction Stop } catch { $caught = $_ }

        $caught.FullyQualifiedErrorId | Should -Be 'ImageImportFailed,ImageStreamPS.Commands.ImportImageTagCommand'
        $caught.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $caught.Exception.Message | Should -Match 'not found'
        $v9 = Get-ImageTag citas:v9
        $v9.Image | Should -BeNullOrEmpty
        $v9.ImportError | Should -Match '^Import failed \(NotFound\): '
        (Get-ImageTag citas:v1).Image | Should -Be $v1.Image
    }

    It 'reports a missing stream unless -Force creates it' {
        $caught = $null
        try { Import-ImageTag nope:v1 -From "${hub}:v1" -ErrorAction Stop } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be 'ImageStreamNotFound,ImageStreamPS.Commands.ImportImageTagCommand'
        $caught.CategoryInfo.Category | Should -Be 'ObjectNotFound'

        (Import-ImageTag fresh:v1 -From "${hub}:v1" -Force).Image | Should -Be $v1.Image
    }

    It 'refuses to change a tag''s source, pointing to Set-ImageTag' {
        Import-ImageTag citas:v1 -From "${hub}:v2" -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'ImageImportInvalid,ImageStreamPS.Commands.ImportImageTagCommand'
        $failures[0].Exception.Message | Should -Match 'use Set-ImageTag'
    }
}

Describe 'Remove-ImageTag failures' {
    It 'reports a missing tag as ObjectNotFound without stopping the pipeline' {
        $null = Set-ImageTag citas:v1 citas:temp
        'citas:nope', 'citas:temp' | Remove-ImageTag -Force -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'ImageTagNotFound,ImageStreamPS.Commands.RemoveImageTagCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Get-ImageTag citas:temp -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'reports a missing tag from Get-ImageTag as ImageTagNotFound' {
        $caught = $null
        try { Get-ImageTag citas:nope -ErrorAction Stop } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be 'ImageTagNotFound,ImageStreamPS.Commands.GetImageTagCommand'
        $caught.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Completion' {
    It 'completes stream:tag' {
        $line = 'Get-ImageTag citas:v'
        $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completion.CompletionMatches.CompletionText | Should -Contain 'citas:v1'
        $completion.CompletionMatches.CompletionText | Should -Contain 'citas:v2'
    }

    It 'completes namespaces' {
        $line = 'Get-ImageTag -Namespace my'
        $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completion.CompletionMatches.CompletionText | Should -Contain 'myproject'
    }
}
