# Objects act on the cluster they came from, and input that can only be wrong is refused at the
# client: two sandboxes as two clusters (B is the runspace default), and the request counter of each.
BeforeAll {
    Import-Module $env:IMAGESTREAMPS_MODULE_PATH -Force
    . (Join-Path $PSScriptRoot 'ImageStreamTestSupport.ps1')
    $a = Start-TestSandbox
    $b = Start-TestSandbox
    $ns = $b.Session.Namespace
    $hub = 'docker.io/josedom24/citas-backend'
}

AfterAll {
    Stop-TestSandbox $a
    Stop-TestSandbox $b
}

Describe 'An object acts in its own session' {
    BeforeEach {
        $name = 'victim-' + [guid]::NewGuid().ToString('n').Substring(0, 8)
        $null = New-ImageStream $name -Session $a.Session
        $null = New-ImageStream $name -Session $b.Session
    }

    It 'Remove-ImageStream -InputObject deletes on the object''s cluster, not on the default one' {
        (Get-OpenShiftSession -Default) | Should -Be $b.Session

        Remove-ImageStream -InputObject (Get-ImageStream $name -Session $a.Session) -Force

        Get-ImageStream $name -Session $a.Session -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        (Get-ImageStream $name -Session $b.Session).Name | Should -Be $name
    }

    It 'refuses a -Session that differs from a piped object''s, before any request' {
        $stream = Get-ImageStream $name -Session $a.Session
        $seen = @{}
        $madeB = Measure-Requests $b { $seen.A = Measure-Requests $a { $stream | Remove-ImageStream -Force -Session $b.Session -ErrorVariable failures -ErrorAction SilentlyContinue; $seen.Failures = $failures } }
        $madeA = $seen.A
        $failures = $seen.Failures

        $failures[0].FullyQualifiedErrorId | Should -Be 'SessionMismatch,ImageStreamPS.Commands.RemoveImageStreamCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failures[0].TargetObject | Should -Be $stream
        Get-RequestTotal $madeA | Should -Be 0
        Get-RequestTotal $madeB | Should -Be 0
        (Get-ImageStream $name -Session $a.Session).Name | Should -Be $name
    }

    It 'refuses a -Session that differs from an -InputObject''s' {
        $stream = Get-ImageStream $name -Session $a.Session
        { Remove-ImageStream -InputObject $stream -Session $b.Session -Force -ErrorAction Stop } | Should -Throw -ErrorId 'SessionMismatch,ImageStreamPS.Commands.RemoveImageStreamCommand'
    }

    It 'a piped stream lists its tags from its own cluster' {
        $null = Import-ImageTag "${name}:v1" -From "${hub}:v1" -Session $a.Session
        $tags = Get-ImageStream $name -Session $a.Session | Get-ImageTag
        $tags.Name | Should -Be "${name}:v1"
        $tags.Session | Should -Be $a.Session
    }

    It 'a piped tag is removed on its own cluster' {
        $null = Import-ImageTag "${name}:v1" -From "${hub}:v1" -Session $a.Session
        $null = Import-ImageTag "${name}:v1" -From "${hub}:v1" -Session $b.Session
        Get-ImageTag "${name}:v1" -Session $a.Session | Remove-ImageTag -Force
        Get-ImageTag "${name}:v1" -Session $a.Session -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        (Get-ImageTag "${name}:v1" -Session $b.Session).Tag | Should -Be 'v1'
    }

    It 'refuses a -Namespace that differs from a piped object''s' {
        $stream = Get-ImageStream $name -Session $a.Session
        $stream | Get-ImageTag -Namespace other -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'NamespaceMismatch,ImageStreamPS.Commands.GetImageTagCommand'
    }
}

Describe 'Names that could only be wrong are refused before any request' {
    BeforeAll {
        $null = New-ImageStream citas -ErrorAction SilentlyContinue
        $null = Import-ImageTag citas:v1 -From "${hub}:v1"
    }

    It '-Namespace <Namespace> is not a namespace' -ForEach @(
        @{ Namespace = 'nosuch/../myproject' }
        @{ Namespace = 'My-Project' }
        @{ Namespace = 'a b' }
    ) {
        $made = Measure-Requests $b { { Remove-ImageStream citas -Namespace $Namespace -Force -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ImageStreamPS.Commands.RemoveImageStreamCommand' }
        Get-RequestTotal $made | Should -Be 0
        (Get-ImageStream citas).Name | Should -Be 'citas'
    }

    It '<Command> gives <ErrorId> (<Category>)' -ForEach @(
        @{ Command = "Get-ImageTag 'citas:['"; ErrorId = 'ImageTagNameInvalid,ImageStreamPS.Commands.GetImageTagCommand'; Category = 'InvalidArgument' }
        @{ Command = "Get-ImageStream 'ci[tas'"; ErrorId = 'ImageStreamNameInvalid,ImageStreamPS.Commands.GetImageStreamCommand'; Category = 'InvalidArgument' }
        @{ Command = "Get-ImageStream 'nosuch/../myproject/victim'"; ErrorId = 'ImageStreamNameInvalid,ImageStreamPS.Commands.GetImageStreamCommand'; Category = 'InvalidArgument' }
        @{ Command = "Import-ImageTag citas:q -From docker.io:99999/josedom24/citas-backend:v1"; ErrorId = 'ImageImportInvalid,ImageStreamPS.Commands.ImportImageTagCommand'; Category = 'InvalidArgument' }
        @{ Command = "Set-ImageTag docker.io:99999/josedom24/citas-backend:v1 citas:q"; ErrorId = 'ImageTagSourceInvalid,ImageStreamPS.Commands.SetImageTagCommand'; Category = 'InvalidArgument' }
        @{ Command = "Set-ImageTag citas:v1 citas:prod -Wait -Timeout 0"; ErrorId = 'InvalidTimeout,ImageStreamPS.Commands.SetImageTagCommand'; Category = 'InvalidArgument' }
        @{ Command = "Get-AppRollout 'app['"; ErrorId = 'AppRolloutNameInvalid,ImageStreamPS.Commands.GetAppRolloutCommand'; Category = 'InvalidArgument' }
        @{ Command = "Get-AppRollout 'a/../b'"; ErrorId = 'AppRolloutNameInvalid,ImageStreamPS.Commands.GetAppRolloutCommand'; Category = 'InvalidArgument' }
    ) {
        $seen = @{}
        $made = Measure-Requests $b { try { Invoke-Expression "$Command -ErrorAction Stop" } catch { $seen.Caught = $_ } }
        $caught = $seen.Caught
        $caught.FullyQualifiedErrorId | Should -Be $ErrorId
        $caught.CategoryInfo.Category | Should -Be $Category
        $caught.Exception.Message | Should -Not -BeNullOrEmpty
        Get-RequestTotal $made | Should -Be 0
    }
}

Describe 'A failed import names the tag it was importing into' {
    It 'reports Import-ImageTag citas:q -From an image that does not exist against citas:q' {
        $null = New-ImageStream citas -ErrorAction SilentlyContinue
        $null = Import-ImageTag citas:v1 -From "${hub}:v1"
        Import-ImageTag citas:q -From "${hub}:v9" -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures[0].FullyQualifiedErrorId | Should -Be 'ImageImportFailed,ImageStreamPS.Commands.ImportImageTagCommand'
        $failures[0].TargetObject | Should -Be "$ns/citas:q"
        $failures[0].Exception.Message | Should -Match '^tag q failed: '
        (Get-ImageTag citas:v1).ImportError | Should -BeNullOrEmpty
    }
}
