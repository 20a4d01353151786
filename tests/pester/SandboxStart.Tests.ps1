# How the child pwsh runs the sandbox (#18): the program starts from a .NET startup hook, before
# PowerShell's engine, so the sandbox process never loads PowerShell (its second of CPU and 80 MB).
BeforeAll {
    Import-Module $env:IMAGESTREAMPS_MODULE_PATH -Force
}

Describe 'The sandbox process' {
    It 'serves the API without having started PowerShell' -Skip:(-not $IsLinux) {
        $sandbox = Start-OpenShiftSandbox -DataPath (Join-Path $TestDrive 'sandbox')
        try {
            $version = Invoke-RestMethod ([uri]::new($sandbox.Server, '/version')) -SkipCertificateCheck
            # What the process has loaded: the sandbox program, and no System.Management.Automation.
            $maps = Get-Content -Raw "/proc/$($sandbox.ProcessId)/maps"

            $version.gitVersion | Should -Match '^v\d+\.\d+\.\d+'
            $maps | Should -Match 'ImageStreamPS\.Sandbox\.dll'
            $maps | Should -Not -Match 'System\.Management\.Automation\.dll'
        }
        finally {
            Stop-OpenShiftSandbox $sandbox
        }
    }
}
