# Tab completion of names that live on the cluster: image streams and their tags, from the
# session's namespace on a sandbox started for this file, through TabExpansion2 as PSReadLine calls it.
BeforeAll {
    Import-Module $env:IMAGESTREAMPS_MODULE_PATH -Force
    $sandbox = Start-OpenShiftSandbox -Seed Tutorial -DataPath (Join-Path $TestDrive 'sandbox') -Connect
    New-ImageStream citas, cinema | Out-Null
    Import-ImageTag citas:v1 -From docker.io/josedom24/citas-backend:v1 | Out-Null
    Import-ImageTag citas:v2 -From docker.io/josedom24/citas-backend:v2 | Out-Null

    function Get-Completion([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches)
    }
}

AfterAll {
    if ($sandbox) { Stop-OpenShiftSandbox -InputObject $sandbox }
}

Describe 'Tab completion of cluster names' {
    It 'completes a partial cmdlet name: Get-ImageStr + Tab' {
        (Get-Completion 'Get-ImageStr').CompletionText | Should -Be @('Get-ImageStream')
    }

    It 'completes image stream names from the cluster: Get-ImageStream ci + Tab' {
        @((Get-Completion 'Get-ImageStream ci').CompletionText | Sort-Object) | Should -Be @('cinema', 'citas')
    }

    It 'narrows as more is typed: Get-ImageStream cit + Tab' {
        (Get-Completion 'Get-ImageStream cit').CompletionText | Should -Be @('citas')
    }

    It 'completes the tags of a stream: Get-ImageTag citas:v + Tab' {
        @((Get-Completion 'Get-ImageTag citas:v').CompletionText | Sort-Object) | Should -Be @('citas:v1', 'citas:v2')
    }

    It 'completes the source of Set-ImageTag from the same tags' {
        (Get-Completion 'Set-ImageTag citas:v2').CompletionText | Should -Contain 'citas:v2'
    }
}
