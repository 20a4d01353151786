BeforeAll {
    $modulePath = $env:IMAGESTREAMPS_MODULE_PATH
    Import-Module $modulePath -Force
}

Describe 'The ImageStreamPS module' {
    It 'imports from the published folder with the manifest version' {
        (Get-Module ImageStreamPS).Version | Should -Be ([version] (Import-PowerShellDataFile $modulePath).ModuleVersion)
    }

    It 'keeps the engine out of the module folder, in dependencies/' {
        Join-Path (Split-Path $modulePath) 'dependencies/ImageStreamPS.OpenShift.dll' | Should -Exist
        Join-Path (Split-Path $modulePath) 'ImageStreamPS.OpenShift.dll' | Should -Not -Exist
    }
}

Describe 'The session cmdlets' {
    It 'exports <_>' -ForEach 'Connect-OpenShift', 'Disconnect-OpenShift', 'Get-OpenShiftSession', 'Set-OpenShiftSession' {
        Get-Command $_ -Module ImageStreamPS | Should -Not -BeNullOrEmpty
    }

    It 'has no session in a fresh runspace' {
        # A runspace of its own: earlier test files in this one may have connected.
        $fresh = [powershell]::Create()
        try {
            $sessions = $fresh.AddScript('param($m) Import-Module $m; Get-OpenShiftSession').AddArgument($modulePath).Invoke()
            $fresh.HadErrors | Should -BeFalse
            $sessions | Should -BeNullOrEmpty
        }
        finally { $fresh.Dispose() }
    }

    It 'tells cmdlets there is no session to disconnect' {
        $fresh = [powershell]::Create()
        try {
            $null = $fresh.AddScript('param($m) Import-Module $m; Disconnect-OpenShift').AddArgument($modulePath).Invoke()
            $fresh.Streams.Error.FullyQualifiedErrorId | Should -Be 'NoOpenShiftSession,ImageStreamPS.Commands.DisconnectOpenShiftCommand'
        }
        finally { $fresh.Dispose() }
    }
}
