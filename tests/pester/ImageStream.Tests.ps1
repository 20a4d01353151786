# New-, Get-, Remove-ImageStream and ConvertTo-OpenShiftYaml against the sandbox: objects, views,
# error records, confirmation, and the requests each step makes (no more than oc makes). Each block
# makes the streams it reads in its own set-up; no test depends on what an earlier one created.
BeforeAll {
    Import-Module $env:IMAGESTREAMPS_MODULE_PATH -Force
    . (Join-Path $PSScriptRoot 'ImageStreamTestSupport.ps1')
    $context = Start-TestSandbox
    $ns = $context.Session.Namespace
}

AfterAll {
    Stop-TestSandbox $context
}

Describe 'New-ImageStream' {
    It 'creates an empty stream with one POST, like oc create is' {
        $seen = @{}
        $made = Measure-Requests $context { $seen.Created = New-ImageStream new1 }
        $created = $seen.Created

        $made.Keys | Should -Be @('create imagestreams 201')
        Get-RequestTotal $made | Should -Be 1
        $created.Name | Should -Be 'new1'
        $created.Namespace | Should -Be $ns
        $created.TagCount | Should -Be 0
        $created.LookupLocal | Should -BeFalse
        $created.ImageRepository | Should -Be "image-registry.openshift-image-registry.svc:5000/$ns/new1"
        $created.Session | Should -Be $context.Session
        $created.ToString() | Should -Be "$ns/new1"
        $created.PSObject.TypeNames[0] | Should -Be 'ImageStreamPS.Model.ImageStream'
    }

    It 'takes names from the pipeline with labels, annotations and local lookup' {
        $streams = 'new2', 'new3' | New-ImageStream -LookupLocal -Label @{ app = 'shop' } -Annotation @{ owner = 'team-a' }

        $streams.Name | Should -Be @('new2', 'new3')
        $streams | ForEach-Object { $_.LookupLocal | Should -BeTrue; $_.Labels['app'] | Should -Be 'shop'; $_.Annotations['owner'] | Should -Be 'team-a' }
    }

    It 'rejects a bad name before any request, as an InvalidArgument error' {
        $seen = @{}
        $made = Measure-Requests $context { try { New-ImageStream Citas -ErrorAction Stop } catch { $seen.Caught = $_ } }
        $caught = $seen.Caught

        Get-RequestTotal $made | Should -Be 0
        $caught.FullyQualifiedErrorId | Should -Be 'ImageStreamNameInvalid,ImageStreamPS.Commands.NewImageStreamCommand'
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $caught.Exception.Message | Should -Match 'must match "\[a-z0-9\]\+'
    }

    It 'reports an existing stream as ResourceExists and goes on with the next name' {
        $null = New-ImageStream exists1
        $streams = New-ImageStream exists1, new4 -ErrorVariable failures -ErrorAction SilentlyContinue

        $streams.Name | Should -Be 'new4'
        $failures[0].FullyQualifiedErrorId | Should -Be 'ImageStreamAlreadyExists,ImageStreamPS.Commands.NewImageStreamCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $failures[0].Exception.Message | Should -Be 'imagestreams.image.openshift.io "exists1" already exists'
    }

    It 'does nothing with -WhatIf' {
        $made = Measure-Requests $context { New-ImageStream web9 -WhatIf }
        Get-RequestTotal $made | Should -Be 0
    }
}

Describe 'Get-ImageStream' {
    BeforeAll {
        $null = New-ImageStream web1
        $null = New-ImageStream web2 -LookupLocal -Label @{ app = 'shop' } -Annotation @{ owner = 'team-a' }
    }

    It 'gets one stream with one GET' {
        $seen = @{}
        $made = Measure-Requests $context { $seen.Stream = Get-ImageStream web1 }

        $made.Keys | Should -Be @('get imagestreams 200')
        $seen.Stream.Name | Should -Be 'web1'
    }

    It 'filters with wildcards from one list' {
        $seen = @{}
        $made = Measure-Requests $context { $seen.Streams = Get-ImageStream 'web[12]' }

        $made.Keys | Should -Be @('list imagestreams 200')
        $seen.Streams.Name | Should -Be @('web1', 'web2')
    }

    It 'finds streams in every namespace with -AllNamespaces' {
        $streams = Get-ImageStream -AllNamespaces
        ($streams | Where-Object Name -EQ 'web1').Namespace | Should -Be $ns
    }

    It 'reports a missing stream as ObjectNotFound with the server message, which -ErrorAction Stop makes catchable' {
        $caught = $null
        try { Get-ImageStream nope -ErrorAction Stop } catch { $caught = $_ }

        $caught.FullyQualifiedErrorId | Should -Be 'ImageStreamNotFound,ImageStreamPS.Commands.GetImageStreamCommand'
        $caught.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $caught.Exception.Message | Should -Be 'imagestreams.image.openshift.io "nope" not found'
    }

    It 'returns nothing, without an error, for a wildcard that matches nothing' {
        Get-ImageStream 'zz*' -ErrorVariable failures | Should -BeNullOrEmpty
        $failures | Should -BeNullOrEmpty
    }

    It 'shows the columns of oc get is' {
        # oc's own column order is the Wide view; the default view is View.Tests.ps1's.
        $table = Get-ImageStream web1 | Format-Table -View Wide | Out-String -Width 300
        $table | Should -Match 'NAME\s+IMAGE REPOSITORY\s+TAGS\s+UPDATED'
        # oc shows the public repository when the registry is exposed (the sandbox exposes it on 127.0.0.1).
        $table | Should -Match "web1\s+$([regex]::Escape($context.Sandbox.RegistryEndpoint))/$ns/web1"
    }

    It 'shows what oc describe is shows in Format-List, in its order' {
        $list = Get-ImageStream web2 | Format-List | Out-String
        $list | Should -Match "(?s)Name\s+: web2.*Namespace\s+: $ns.*Created\s+: .* ago.*Labels\s+: app=shop.*Annotations\s+: owner=team-a.*Image Repository\s+: .*/$ns/web2.*Image Lookup\s+: local=true.*Tags\s+: <none>"
    }

    It 'completes stream names from the cluster' {
        $completion = TabExpansion2 -inputScript 'Get-ImageStream we' -cursorColumn 'Get-ImageStream we'.Length
        $completion.CompletionMatches.CompletionText | Should -Contain 'web1'
        $completion.CompletionMatches.CompletionText | Should -Contain 'web2'
    }
}

Describe 'ConvertTo-OpenShiftYaml and New-ImageStream -Path' {
    BeforeAll {
        $null = New-ImageStream yaml1
        $null = New-ImageStream yaml2 -LookupLocal -Label @{ app = 'shop' }
    }

    It 'writes a stream as oc get -o yaml does and reads it back into a new stream' {
        $yaml = Get-ImageStream yaml2 | ConvertTo-OpenShiftYaml
        $yaml | Should -Match '(?m)^apiVersion: image.openshift.io/v1$'
        $yaml | Should -Match '(?m)^kind: ImageStream$'
        $yaml | Should -Match '(?m)^  name: yaml2$'
        $yaml | Should -Match '(?m)^  resourceVersion: "\d+"$'
        $yaml | Should -Match '(?m)^    local: true$'

        $file = Join-Path $TestDrive 'yaml2.yaml'
        $yaml -replace 'name: yaml2', 'name: yaml2-copy' | Set-Content $file
        $seen = @{}
        $made = Measure-Requests $context { $seen.Copy = New-ImageStream -Path $file }

        Get-RequestTotal $made | Should -Be 1
        $seen.Copy.Name | Should -Be 'yaml2-copy'
        $seen.Copy.LookupLocal | Should -BeTrue
        $seen.Copy.Labels['app'] | Should -Be 'shop'
    }

    It 'writes several objects as one List' {
        $yaml = Get-ImageStream 'yaml[12]' | ConvertTo-OpenShiftYaml
        $yaml | Should -Match '(?m)^kind: List$'
        ([regex]::Matches($yaml, '(?m)^- apiVersion: image.openshift.io/v1$')).Count | Should -Be 2
    }

    It 'refuses objects that are not OpenShift objects' {
        'text' | ConvertTo-OpenShiftYaml -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'ObjectNotConvertible,ImageStreamPS.Commands.ConvertToOpenShiftYamlCommand'
    }
}

Describe 'Remove-ImageStream' {
    BeforeEach {
        $id = [guid]::NewGuid().ToString('n').Substring(0, 6)
        $names = "gone-$id-a", "gone-$id-b", "gone-$id-c"
        $null = $names | New-ImageStream
    }

    It 'is ConfirmImpact High' {
        (Get-Command Remove-ImageStream).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
    }

    It 'does not delete with -WhatIf' {
        # -WhatIf reads the Deployments that follow the stream's tags (to name them), and writes nothing.
        $made = Measure-Requests $context { Remove-ImageStream $names[0] -WhatIf }
        @($made.Keys) | Should -Be @('list deployments 200')
        Get-ImageStream $names[0] | Should -Not -BeNullOrEmpty
    }

    It 'deletes piped streams with one DELETE each and passes them through' {
        $streams = Get-ImageStream $names[0], $names[1]
        $seen = @{}
        $made = Measure-Requests $context { $seen.Removed = $streams | Remove-ImageStream -Force -PassThru }

        $made['delete imagestreams 200'] | Should -Be 2
        Get-RequestTotal $made | Should -Be 2
        $seen.Removed.Name | Should -Be @($names[0], $names[1])
        Get-ImageStream "gone-$id-[ab]" | Should -BeNullOrEmpty
    }

    It 'reports a missing stream without stopping the pipeline' {
        'nope', $names[2] | ForEach-Object { $_ } | Remove-ImageStream -Force -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'ImageStreamNotFound,ImageStreamPS.Commands.RemoveImageStreamCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Get-ImageStream $names[2] -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}
