# The tutorial's image steps with Import-, Get-, Set- and Remove-ImageTag against the sandbox:
# objects, the describe text, -WhatIf, error records, and the requests of each step against oc's.
# Each test stands alone: it makes the stream it works on (New-TutorialStream) instead of using
# what an earlier test left behind.
BeforeAll {
    Import-Module $env:IMAGESTREAMPS_MODULE_PATH -Force
    . (Join-Path $PSScriptRoot 'ImageStreamTestSupport.ps1')
    $context = Start-TestSandbox
    $ns = $context.Session.Namespace
    $hub = 'docker.io/josedom24/citas-backend'

    # A stream of its own with v1 and v2 imported, as after the tutorial's import steps.
    function New-TutorialStream {
        $name = 'citas-' + [guid]::NewGuid().ToString('n').Substring(0, 8)
        $null = New-ImageStream $name
        [pscustomobject]@{
            Name = $name
            V1   = Import-ImageTag "${name}:v1" -From "${hub}:v1"
            V2   = Import-ImageTag "${name}:v2" -From "${hub}:v2"
        }
    }
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
        $name = 'import-' + [guid]::NewGuid().ToString('n').Substring(0, 8)
        $null = New-ImageStream $name
        $seen = @{}
        $made = Measure-Requests $context { $seen.V1 = Import-ImageTag "${name}:v1" -From "${hub}:v1" }
        $v1 = $seen.V1

        $made['get imagestreams 200'] | Should -Be 1
        $made['create imagestreamimports 201'] | Should -Be 1
        Get-RequestTotal $made | Should -Be 2
        $v1.Name | Should -Be "${name}:v1"
        $v1.ImageStream | Should -Be $name
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
        $v1.ToString() | Should -Be "$ns/${name}:v1"
        $v1.PSObject.TypeNames[0] | Should -Be 'ImageStreamPS.Model.ImageTag'
    }

    It 'imports v2 as another image' {
        $stream = New-TutorialStream
        $stream.V2.Image | Should -Match '^sha256:[0-9a-f]{64}$'
        $stream.V2.Image | Should -Not -Be $stream.V1.Image
    }

    It 'describes 2 unique images and 2 tags, as oc describe is does' {
        $s = New-TutorialStream
        $seen = @{}
        $made = Measure-Requests $context { $seen.Stream = Get-ImageStream $s.Name }
        $stream = $seen.Stream
        Get-RequestTotal $made | Should -Be 1

        $stream.UniqueImageCount | Should -Be 2
        $stream.TagCount | Should -Be 2
        $text = $stream.Description
        $text | Should -Match "(?m)^Unique Images:\t\t2$"
        $text | Should -Match "(?m)^Tags:\t\t\t2$"
        $text | Should -Match "(?m)^v1\n  tagged from ${hub}:v1\n\n  \* $hub@$($s.V1.Image)\n      (\d+ seconds?|Less than a second|About a minute) ago$"
        $list = $stream | Format-List | Out-String
        $list | Should -Match 'Unique Images\s+: 2'
        $list | Should -Match "tagged from ${hub}:v2"
    }

    It 'tags latest and prod from v2 and v1 with the requests oc tag makes (GET the stream, PUT the istag)' {
        $s = New-TutorialStream
        $made = Measure-Requests $context { Set-ImageTag "$($s.Name):v2" "$($s.Name):latest" }
        $made['get imagestreams 200'] | Should -Be 1
        $made['update imagestreamtags 201'] | Should -Be 1
        Get-RequestTotal $made | Should -Be 2

        $prod = Set-ImageTag "$($s.Name):v1" "$($s.Name):prod" -PassThru
        $prod.Name | Should -Be "$($s.Name):prod"
        $prod.SourceKind | Should -Be 'ImageStreamImage'
        $prod.Source | Should -Be "$($s.Name)@$($s.V1.Image)"
        $prod.Image | Should -Be $s.V1.Image
    }

    It 'shows 4 tags over 2 images, the new ones "tagged from citas@sha256:…"' {
        $s = New-TutorialStream
        Set-ImageTag "$($s.Name):v2" "$($s.Name):latest"
        Set-ImageTag "$($s.Name):v1" "$($s.Name):prod"

        $stream = Get-ImageStream $s.Name
        $stream.TagCount | Should -Be 4
        $stream.UniqueImageCount | Should -Be 2
        $stream.Tags.Tag | Should -Be @('latest', 'prod', 'v1', 'v2')
        $text = $stream.Description
        $text | Should -Match "(?m)^Tags:\t\t\t4$"
        $text | Should -Match "(?m)^latest\n  tagged from $($s.Name)@$($s.V2.Image)\n\n  \* $hub@$($s.V2.Image)$"
        $text | Should -Match "(?m)^prod\n  tagged from $($s.Name)@$($s.V1.Image)\n"
    }

    It 'lists tags like oc get istag' {
        $s = New-TutorialStream
        Set-ImageTag "$($s.Name):v2" "$($s.Name):latest"
        Set-ImageTag "$($s.Name):v1" "$($s.Name):prod"
        $seen = @{}
        $made = Measure-Requests $context { $seen.Tags = Get-ImageTag $s.Name }

        Get-RequestTotal $made | Should -Be 1
        $seen.Tags.Name | Should -Be @("$($s.Name):latest", "$($s.Name):prod", "$($s.Name):v1", "$($s.Name):v2")
        $seen.Tags.Tag | Should -Be @('latest', 'prod', 'v1', 'v2')
        (Get-ImageTag "$($s.Name):v*").Tag | Should -Be @('v1', 'v2')
        (Get-ImageTag "$ns/$($s.Name):v1").Image | Should -Be $s.V1.Image
        (Get-ImageTag "$($s.Name)@$($s.V1.Image.Substring(7, 12))").Tag | Should -Be @('prod', 'v1')
        # oc's own column order is the Wide view; the default view is View.Tests.ps1's.
        $table = Get-ImageTag "$($s.Name):v1" | Format-Table -View Wide | Out-String -Width 300
        $table | Should -Match 'NAME\s+IMAGE REFERENCE\s+UPDATED'
        $table | Should -Match "$($s.Name):v1\s+$([regex]::Escape("$hub@$($s.V1.Image)"))"
    }

    It 'deletes a tag with Remove-ImageTag (one DELETE, like oc tag -d)' {
        $s = New-TutorialStream
        Set-ImageTag "$($s.Name):v2" "$($s.Name):latest"
        $made = Measure-Requests $context { Remove-ImageTag "$($s.Name):latest" -Force }
        $made.Keys | Should -Be @('delete imagestreamtags 200')
        Get-ImageTag "$($s.Name):latest" -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'deletes a piped tag, like oc delete istag' {
        $s = New-TutorialStream
        Set-ImageTag "$($s.Name):v1" "$($s.Name):prod"
        Get-ImageTag "$($s.Name):prod" | Remove-ImageTag -Force
        (Get-ImageStream $s.Name).Tags.Tag | Should -Be @('v1', 'v2')
    }
}

Describe 'Set-ImageTag' {
    BeforeEach {
        # A Deployment following STREAM:prod, as oc new-app creates it (trigger annotation), running v1.
        $s = New-TutorialStream
        $app = "app-$($s.Name)"
        $deployment = @{
            apiVersion = 'apps/v1'; kind = 'Deployment'
            metadata   = @{
                name        = $app
                annotations = @{ 'image.openshift.io/triggers' = '[{"from":{"kind":"ImageStreamTag","name":"' + $s.Name + ':prod","namespace":"' + $ns + '"},"fieldPath":"spec.template.spec.containers[?(@.name==\"citas\")].image"}]' }
            }
            spec       = @{
                replicas = 1
                selector = @{ matchLabels = @{ deployment = $app } }
                template = @{
                    metadata = @{ labels = @{ deployment = $app } }
                    spec     = @{ containers = @(@{ name = 'citas'; image = "$hub@$($s.V1.Image)" }) }
                }
            }
        } | ConvertTo-Json -Depth 10
        $uri = "$($context.Sandbox.Server.AbsoluteUri.TrimEnd('/'))/apis/apps/v1/namespaces/$ns/deployments"
        $null = Invoke-RestMethod -Method Post -Uri $uri -Body $deployment -ContentType 'application/json' -Headers (Get-TestHeaders $context) -SkipCertificateCheck
        Set-ImageTag "$($s.Name):v1" "$($s.Name):prod"
    }

    It '-WhatIf names the Deployment the move would roll out, with its current and next image, and writes nothing' {
        $seen = @{}
        $text = Get-HostText { $seen.Made = Measure-Requests $context { Set-ImageTag "$($s.Name):v2" "$($s.Name):prod" -WhatIf } }

        $text | Should -Match ([regex]::Escape("What if: Set tag $ns/$($s.Name):prod to ImageStreamImage $($s.Name)@$($s.V2.Image)"))
        # Images are named by the tags that point at them (prod itself last) and their short digests.
        $nextTags = (Get-ImageTag $s.Name | Where-Object { $_.Image -eq $s.V2.Image -and $_.Tag -ne 'prod' }).Name -join ','
        $text | Should -Match ([regex]::Escape("would roll out deployment/$app container citas: $($s.Name):v1 ($($s.V1.Image.Substring(0, 19))) -> $nextTags ($($s.V2.Image.Substring(0, 19)))"))
        $seen.Made.Keys | Where-Object { $_ -match '^(update|create|delete|patch) ' } | Should -BeNullOrEmpty
        (Get-ImageTag "$($s.Name):prod").Image | Should -Be $s.V1.Image
    }

    It 'takes piped tags and sets several destinations' {
        $tags = Get-ImageTag "$($s.Name):v2" | Set-ImageTag -Destination "$($s.Name):stage", "$($s.Name):qa" -PassThru
        $tags.Name | Should -Be @("$($s.Name):stage", "$($s.Name):qa")
        $tags | ForEach-Object { $_.Image | Should -Be $s.V2.Image }
    }

    It 'tags the image a piped tag showed, without a precondition, even after its source tag moved (as oc tag sends it)' {
        Set-ImageTag "$($s.Name):v1" "$($s.Name):moving"
        $shown = Get-ImageTag "$($s.Name):moving"
        Set-ImageTag "$($s.Name):v2" "$($s.Name):moving"
        $seen = @{}
        $made = Measure-Requests $context { $seen.Result = $shown | Set-ImageTag -Destination "$($s.Name):canary" -PassThru }

        $made.Keys | Where-Object { $_ -match ' 409$' } | Should -BeNullOrEmpty
        $made['update imagestreamtags 201'] | Should -Be 1
        $seen.Result.Image | Should -Be $s.V1.Image
        (Get-ImageTag "$($s.Name):moving").Image | Should -Be $s.V2.Image
    }

    It 'tags across namespaces, naming the source namespace' {
        $seen = @{}
        $null = Measure-Requests $context { $seen.Other = Set-ImageTag "$ns/$($s.Name):v1" "default/$($s.Name):v1" -PassThru }
        $seen.Other.Namespace | Should -Be 'default'
        $seen.Other.Source | Should -Be "$ns/$($s.Name)@$($s.V1.Image)"
        $seen.Other.Image | Should -Be $s.V1.Image
    }

    It '-Alias follows the source tag' {
        $alias = Set-ImageTag "$($s.Name):v2" "$($s.Name):follow" -Alias -PassThru
        $alias.Mode | Should -Be 'Alias'
        $alias.SourceKind | Should -Be 'ImageStreamTag'
        $alias.Source | Should -Be "$($s.Name):v2"
    }

    It 'rejects a bad destination tag before any request' {
        $seen = @{}
        $made = Measure-Requests $context { try { Set-ImageTag "$($s.Name):v1" "$($s.Name):-bad" -ErrorAction Stop } catch { $seen.Caught = $_ } }
        Get-RequestTotal $made | Should -Be 0
        $seen.Caught.FullyQualifiedErrorId | Should -Be 'ImageTagNameInvalid,ImageStreamPS.Commands.SetImageTagCommand'
        $seen.Caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'refuses a source tag without an image with oc''s message' {
        $caught = $null
        try { Set-ImageTag "$($s.Name):v9" "$($s.Name):x" -ErrorAction Stop } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be 'ImageTagNotFound,ImageStreamPS.Commands.SetImageTagCommand'
        $caught.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $caught.Exception.Message | Should -Be "`"$($s.Name):v9`" is not currently pointing to an image, cannot use it as the source of a tag"
    }
}

Describe 'Import-ImageTag failures' {
    BeforeEach { $s = New-TutorialStream }

    It 'reports a tag the registry does not have as an ErrorRecord with the registry''s reason, and keeps the other tags' {
        $caught = $null
        try { Import-ImageTag "$($s.Name):v9" -From "${hub}:v9" -ErrorAction Stop } catch { $caught = $_ }

        $caught.FullyQualifiedErrorId | Should -Be 'ImageImportFailed,ImageStreamPS.Commands.ImportImageTagCommand'
        $caught.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $caught.Exception.Message | Should -Match 'not found'
        $v9 = Get-ImageTag "$($s.Name):v9"
        $v9.Image | Should -BeNullOrEmpty
        $v9.ImportError | Should -Match '^Import failed \(NotFound\): '
        (Get-ImageTag "$($s.Name):v1").Image | Should -Be $s.V1.Image
    }

    It 'reports a missing stream unless -Force creates it' {
        $caught = $null
        try { Import-ImageTag nope:v1 -From "${hub}:v1" -ErrorAction Stop } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be 'ImageStreamNotFound,ImageStreamPS.Commands.ImportImageTagCommand'
        $caught.CategoryInfo.Category | Should -Be 'ObjectNotFound'

        $fresh = 'fresh-' + [guid]::NewGuid().ToString('n').Substring(0, 8)
        (Import-ImageTag "${fresh}:v1" -From "${hub}:v1" -Force).Image | Should -Be $s.V1.Image
    }

    It 'refuses to change a tag''s source, pointing to Set-ImageTag' {
        Import-ImageTag "$($s.Name):v1" -From "${hub}:v2" -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'ImageImportInvalid,ImageStreamPS.Commands.ImportImageTagCommand'
        $failures[0].Exception.Message | Should -Match 'use Set-ImageTag'
    }
}

Describe 'Remove-ImageTag failures' {
    BeforeEach { $s = New-TutorialStream }

    It 'reports a missing tag as ObjectNotFound without stopping the pipeline' {
        $null = Set-ImageTag "$($s.Name):v1" "$($s.Name):temp"
        "$($s.Name):nope", "$($s.Name):temp" | Remove-ImageTag -Force -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'ImageTagNotFound,ImageStreamPS.Commands.RemoveImageTagCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Get-ImageTag "$($s.Name):temp" -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'reports a missing tag from Get-ImageTag as ImageTagNotFound' {
        $caught = $null
        try { Get-ImageTag "$($s.Name):nope" -ErrorAction Stop } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be 'ImageTagNotFound,ImageStreamPS.Commands.GetImageTagCommand'
        $caught.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Completion' {
    BeforeAll { $s = New-TutorialStream }

    It 'completes stream:tag' {
        $line = "Get-ImageTag $($s.Name):v"
        $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completion.CompletionMatches.CompletionText | Should -Contain "$($s.Name):v1"
        $completion.CompletionMatches.CompletionText | Should -Contain "$($s.Name):v2"
    }

    It 'completes namespaces' {
        $line = 'Get-ImageTag -Namespace my'
        $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completion.CompletionMatches.CompletionText | Should -Contain 'myproject'
    }
}
