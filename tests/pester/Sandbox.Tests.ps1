# Start-, Get- and Stop-OpenShiftSandbox against the real sandbox program shipped in the module,
# and connecting to it every way Connect-OpenShift offers. Each sandbox lives in TestDrive.
BeforeAll {
    Import-Module $env:IMAGESTREAMPS_MODULE_PATH -Force
    $script:dataPath = Join-Path $TestDrive 'sandbox'
    $script:sandbox = Start-OpenShiftSandbox -DataPath $dataPath -Seed Tutorial -Connect

    # What the sandbox wrote into its kubeconfig (its contract): the token and the CA.
    $kubeconfigText = Get-Content -Raw $sandbox.KubeConfigPath
    $script:sandboxToken = [regex]::Match($kubeconfigText, '(?m)^\s*token:\s*"?([^"\s]+)').Groups[1].Value
    $script:caFile = Join-Path $TestDrive 'sandbox-ca.crt'
    $caData = [regex]::Match($kubeconfigText, '(?m)certificate-authority-data:\s*"?([^"\s]+)').Groups[1].Value
    [IO.File]::WriteAllBytes($caFile, [Convert]::FromBase64String($caData))

    . "$PSScriptRoot/../../build/IsolatedProfile.ps1"
    $pwshPath, $pwshArguments = Get-PwshCommand
    $script:pwshCommand = @($pwshPath) + @($pwshArguments)

    # A child pwsh whose user profile (so its default data folder and list of running sandboxes)
    # is $HomePath: what another user, or a fresh machine, looks like. Started, not waited for.
    function Start-IsolatedPwsh([string] $HomePath, [string] $Script, [string] $ModulePath = $env:IMAGESTREAMPS_MODULE_PATH) {
        $file = Join-Path $TestDrive "child-$([guid]::NewGuid().ToString('N')).ps1"
        Set-Content $file "`$ErrorActionPreference = 'Stop'; Import-Module '$ModulePath'`n$Script"
        $info = [Diagnostics.ProcessStartInfo]::new($pwshPath)
        foreach ($argument in @($pwshArguments) + @('-NoProfile', '-NonInteractive', '-File', $file)) { $info.ArgumentList.Add($argument) }
        $info.UseShellExecute = $false
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        Invoke-WithIsolatedProfile -ProfilePath $HomePath { [Diagnostics.Process]::Start($info) }
    }

    function Invoke-IsolatedPwsh([string] $HomePath, [string] $Script, [string] $ModulePath = $env:IMAGESTREAMPS_MODULE_PATH) {
        $process = Start-IsolatedPwsh $HomePath $Script $ModulePath
        try {
            $output = $process.StandardOutput.ReadToEndAsync()
            $errors = $process.StandardError.ReadToEndAsync()
            if (-not $process.WaitForExit(180000)) { $process.Kill($true); throw "The child pwsh did not finish: $($output.Result)" }
            [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $output.Result + $errors.Result }
        }
        finally { $process.Dispose() }
    }

    # The running-sandbox list a child with that home keeps.
    function Get-RunningList([string] $HomePath) {
        if ($IsWindows) { Join-Path $HomePath 'AppData/Local/ImageStreamPS/running' } else { Join-Path $HomePath '.local/share/ImageStreamPS/running' }
    }

    function Wait-ProcessExit([int] $Id, [int] $Seconds = 30) {
        $deadline = [datetime]::UtcNow.AddSeconds($Seconds)
        while ((Get-Process -Id $Id -ErrorAction SilentlyContinue) -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        -not (Get-Process -Id $Id -ErrorAction SilentlyContinue)
    }
}

AfterAll {
    Get-OpenShiftSession | Disconnect-OpenShift
    Get-OpenShiftSandbox -DataPath $dataPath | Stop-OpenShiftSandbox
}

Describe 'Start-OpenShiftSandbox' {
    It 'returns where the sandbox serves: HTTPS API on 127.0.0.1, kubeconfig, registry, data and process' {
        $sandbox | Should -BeOfType ([ImageStreamPS.Sandbox.OpenShiftSandbox])
        $sandbox.Server.Scheme | Should -Be 'https'
        $sandbox.Server.Host | Should -Be '127.0.0.1'
        $sandbox.Server.Port | Should -BeGreaterThan 0
        $sandbox.KubeConfigPath | Should -Be (Join-Path $dataPath 'kubeconfig')
        $sandbox.KubeConfigPath | Should -Exist
        $sandbox.RegistryEndpoint | Should -Match '^127\.0\.0\.1:\d+$'
        $sandbox.DataPath | Should -Be $dataPath
        (Get-Process -Id $sandbox.ProcessId).HasExited | Should -BeFalse
        Join-Path $dataPath 'sandbox.json' | Should -Exist
    }

    It 'connects with -Connect and makes that session the default' {
        $sandbox.Session | Should -Not -BeNullOrEmpty
        $sandbox.Session.IsDefault | Should -BeTrue
        $sandbox.Session.Server | Should -Be $sandbox.Server
        $sandbox.Session.Context | Should -Be 'sandbox'
        $sandbox.Session.User | Should -Be 'developer'
        $sandbox.Session.Namespace | Should -Be 'myproject'
        $sandbox.Session.ServerVersion | Should -Match '^v1\.'
    }

    It 'refuses to start a second sandbox on the same data' {
        $e = { Start-OpenShiftSandbox -DataPath $dataPath -ErrorAction Stop } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -Be 'SandboxAlreadyRunning,ImageStreamPS.Commands.StartOpenShiftSandboxCommand'
        $e.CategoryInfo.Category | Should -Be 'ResourceExists'
        $e.TargetObject.ProcessId | Should -Be $sandbox.ProcessId
        $e.Exception.Message | Should -Match ([regex]::Escape("Use it (Connect-OpenShift -Sandbox -DataPath '$dataPath')"))
    }

    It 'starts nothing with -WhatIf' {
        $other = Join-Path $TestDrive 'whatif'
        Start-OpenShiftSandbox -DataPath $other -WhatIf | Should -BeNullOrEmpty
        Join-Path $other 'sandbox.json' | Should -Not -Exist
    }

    It 'says what is missing and how to get it when the module lacks <Missing>' -ForEach @(
        @{ Missing = 'ASP.NET Core for this runtime'; Remove = 'sandbox/aspnetcore'; Id = 'SandboxFrameworkNotFound'; Says = "no ASP\.NET Core for \.NET $([Environment]::Version.Major)" }
        @{ Missing = 'SQLite for this platform'; Remove = "sandbox/runtimes/$([Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier)"; Id = 'SandboxNativeLibraryNotFound'; Says = "no SQLite native library \(e_sqlite3\) for this platform, $([regex]::Escape([Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier))," }
    ) {
        $damaged = Join-Path $TestDrive "damaged-$Id/ImageStreamPS"
        Copy-Item (Split-Path $env:IMAGESTREAMPS_MODULE_PATH) $damaged -Recurse
        Join-Path $damaged $Remove | Should -Exist
        Remove-Item (Join-Path $damaged $Remove) -Recurse
        $data = Join-Path $TestDrive "damaged-data-$Id"
        $run = Invoke-IsolatedPwsh (Join-Path $TestDrive "home-damaged-$Id") -ModulePath (Join-Path $damaged 'ImageStreamPS.psd1') -Script @"
try { Start-OpenShiftSandbox -DataPath '$data'; 'STARTED' }
catch { 'ID=' + `$_.FullyQualifiedErrorId; 'CATEGORY=' + `$_.CategoryInfo.Category; `$_.Exception.Message }
"@
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Not -Match 'STARTED'
        $run.Output | Should -Match "ID=$Id,ImageStreamPS.Commands.StartOpenShiftSandboxCommand"
        $run.Output | Should -Match 'CATEGORY=ObjectNotFound'
        $run.Output | Should -Match $Says
        $run.Output | Should -Match 'Install-PSResource ImageStreamPS -Reinstall'
        $data | Should -Not -Exist
    }

    It 'reports a sandbox that dies before it is ready, with its output' {
        $corrupt = New-Item -ItemType Directory (Join-Path $TestDrive 'corrupt')
        Set-Content (Join-Path $corrupt 'sandbox.db') ('not a SQLite database ' * 10)
        $e = { Start-OpenShiftSandbox -DataPath $corrupt -ErrorAction Stop } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -Be 'SandboxStartFailed,ImageStreamPS.Commands.StartOpenShiftSandboxCommand'
        $e.CategoryInfo.Category | Should -Be 'OpenError'
        $e.Exception.Message | Should -Match 'exited with code'
        $e.Exception.Message | Should -Match 'not a database'
    }

    It 'reports a data folder it cannot create as not writable' {
        $notAFolder = Join-Path $TestDrive 'not-a-folder'
        Set-Content $notAFolder 'a file where the data folder should be'
        $e = { Start-OpenShiftSandbox -DataPath $notAFolder -ErrorAction Stop } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -Be 'SandboxDataPathNotWritable,ImageStreamPS.Commands.StartOpenShiftSandboxCommand'
        $e.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $e.TargetObject | Should -Be $notAFolder
        $e.Exception.Message | Should -Match 'not-a-folder is not writable'
        $e.Exception.Message | Should -Match 'Choose another -DataPath'
    }

    It 'reports a read-only data folder as read-only, not as another sandbox' -Skip:$IsWindows {
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'read-only')
        $root = (& id -u) -eq '0'
        if ($root) {
            # root writes whatever the mode says: only a read-only file system stops it.
            & mount -t tmpfs -o 'ro,size=1m' isps-read-only $folder.FullName 2>$null
            if ($LASTEXITCODE -ne 0) { Set-ItResult -Skipped -Because 'root cannot mount a read-only file system here'; return }
        }
        else { & chmod 0555 $folder.FullName }
        try {
            $e = { Start-OpenShiftSandbox -DataPath $folder.FullName -ErrorAction Stop } | Should -Throw -PassThru
            $e.FullyQualifiedErrorId | Should -Be 'SandboxDataPathNotWritable,ImageStreamPS.Commands.StartOpenShiftSandboxCommand'
            $e.CategoryInfo.Category | Should -Be 'PermissionDenied'
            $e.Exception.Message | Should -Match $(if ($root) { 'read-only file system' } else { 'permission denied' })
            $e.Exception.Message | Should -Not -Match 'already running'
        }
        finally {
            if ($root) { & umount $folder.FullName } else { & chmod 0755 $folder.FullName }
        }
    }

    It 'keeps every data file and folder owner-only: nobody else reads a Secret from the store' -Skip:$IsWindows {
        $secret = 'owner-only-' + [guid]::NewGuid().ToString('N')
        $body = @{ metadata = @{ name = 'owner-only' }; stringData = @{ value = $secret } } | ConvertTo-Json
        Invoke-RestMethod -Method Post -Uri "$($sandbox.Server)api/v1/namespaces/myproject/secrets" -Body $body -ContentType 'application/json' `
            -Headers @{ Authorization = "Bearer $sandboxToken" } -SkipCertificateCheck | Out-Null
        $others = [IO.UnixFileMode] 'GroupRead, GroupWrite, GroupExecute, OtherRead, OtherWrite, OtherExecute'
        $items = @(Get-Item $dataPath) + @(Get-ChildItem $dataPath -Recurse -Force)
        $items.Count | Should -BeGreaterThan 10
        $items | Where-Object { $_.UnixFileMode -band $others } | ForEach-Object { "$($_.UnixFileMode) $($_.FullName)" } | Should -BeNullOrEmpty
        @(Get-ChildItem (Join-Path $dataPath 'registry') -Recurse -File).Count | Should -BeGreaterThan 0 -Because 'the seed pushed image blobs'
        if ((& id -u) -eq '0' -and (Get-Command runuser -CommandType Application -ErrorAction SilentlyContinue)) {
            foreach ($file in 'sandbox.db', 'sandbox.db-wal', 'token', 'kubeconfig') {
                Join-Path $dataPath $file | Should -Exist
                $read = & runuser -u nobody -- cat (Join-Path $dataPath $file) 2>&1 | Out-String
                $LASTEXITCODE | Should -Not -Be 0 -Because "nobody must not read $file"
                $read | Should -Not -Match $secret
            }
        }
    }
}

Describe 'Get-OpenShiftSandbox' {
    It 'lists the running sandbox' {
        $found = @(Get-OpenShiftSandbox | Where-Object ProcessId -EQ $sandbox.ProcessId)
        $found | Should -HaveCount 1
        $found[0].Server | Should -Be $sandbox.Server
        $found[0].KubeConfigPath | Should -Be $sandbox.KubeConfigPath
    }

    It 'finds a sandbox by its data folder' {
        (Get-OpenShiftSandbox -DataPath $dataPath).ProcessId | Should -Contain $sandbox.ProcessId
    }

    It 'shows the sandbox as a table' {
        $table = Get-OpenShiftSandbox -DataPath $dataPath | Format-Table | Out-String -Width 300
        $table | Should -Match 'ProcessId\s+Server\s+StartedHere\s+RegistryEndpoint\s+DataPath'
        $table | Should -Match ([regex]::Escape($sandbox.RegistryEndpoint))
    }
}

Describe 'Connect-OpenShift to the sandbox' {
    AfterEach { Get-OpenShiftSession | Where-Object { -not $_.IsDefault } | Disconnect-OpenShift }

    It 'connects with -Sandbox -DataPath' {
        $session = Connect-OpenShift -Sandbox -DataPath $dataPath -NotDefault
        $session.Server | Should -Be $sandbox.Server
        $session.Namespace | Should -Be 'myproject'
    }

    It 'connects to a sandbox object from the pipeline' {
        ($sandbox | Connect-OpenShift -NotDefault -Namespace default).Namespace | Should -Be 'default'
    }

    It 'connects with -Server and -Token over HTTPS, verifying the sandbox CA' {
        $session = Connect-OpenShift -Server $sandbox.Server -Token (ConvertTo-SecureString $sandboxToken -AsPlainText -Force) -CertificateAuthority $caFile -NotDefault
        $session.ServerVersion | Should -Be $sandbox.Session.ServerVersion
        $session.SkipCertificateCheck | Should -BeFalse
    }

    It 'refuses a wrong token with OpenShiftUnauthorized' {
        $e = { Connect-OpenShift -Server $sandbox.Server -Token (ConvertTo-SecureString 'wrong' -AsPlainText -Force) -CertificateAuthority $caFile -ErrorAction Stop } |
            Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -Be 'OpenShiftUnauthorized,ImageStreamPS.Commands.ConnectOpenShiftCommand'
        $e.CategoryInfo.Category | Should -Be 'SecurityError'
    }

    It 'refuses the sandbox certificate without its CA' {
        $e = { Connect-OpenShift -Server $sandbox.Server -Token (ConvertTo-SecureString $sandboxToken -AsPlainText -Force) -ErrorAction Stop } |
            Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -Be 'OpenShiftCertificateInvalid,ImageStreamPS.Commands.ConnectOpenShiftCommand'
    }

    It 'reports -Sandbox when no sandbox runs there' {
        $e = { Connect-OpenShift -Sandbox -DataPath (Join-Path $TestDrive 'none') -ErrorAction Stop } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -Be 'SandboxNotRunning,ImageStreamPS.Commands.ConnectOpenShiftCommand'
        $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'never shows the sandbox token' {
        $VerbosePreference = 'Continue'
        $text = & {
            $s = Connect-OpenShift -Sandbox -DataPath $dataPath -NotDefault -Verbose
            $s | Format-List * -Force; "$s"
            try { Connect-OpenShift -Server $sandbox.Server -Token (ConvertTo-SecureString $sandboxToken -AsPlainText -Force) -Verbose -ErrorAction Stop } catch { $_ | Format-List * -Force; "$($_.Exception)" }
            Set-OpenShiftSession -Session $s -Namespace ghost -Verbose -ErrorAction Continue
            $sandbox | Format-List * -Force
            Get-OpenShiftSandbox | Format-Table
        } *>&1 | Out-String -Width 500
        $sandboxToken | Should -Not -BeNullOrEmpty
        $text | Should -Match 'GET /version'
        $text | Should -Not -Match ([regex]::Escape($sandboxToken))
    }
}

Describe 'The running sandbox, wherever its data lives and whichever shell started it' {
    It 'connects with -Sandbox to the only one running, started with -DataPath elsewhere' {
        $homePath = Join-Path $TestDrive 'home-one'
        $run = Invoke-IsolatedPwsh $homePath @"
`$sandbox = Start-OpenShiftSandbox -DataPath '$(Join-Path $TestDrive 'one-elsewhere')'
`$session = Connect-OpenShift -Sandbox
'SAME=' + (`$session.Server -eq `$sandbox.Server)
'LISTED=' + (@(Get-OpenShiftSandbox).ProcessId -join ',') + '/' + `$sandbox.ProcessId
Stop-OpenShiftSandbox `$sandbox
"@
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match 'SAME=True'
        $run.Output | Should -Match 'LISTED=(\d+)/\1\b'
    }

    It 'finds a sandbox another shell started: Get-OpenShiftSandbox lists it and -Sandbox connects to it' {
        $homePath = Join-Path $TestDrive 'home-two-shells'
        $release = Join-Path $TestDrive 'two-shells.release'
        $first = Start-IsolatedPwsh $homePath @"
`$sandbox = Start-OpenShiftSandbox -DataPath '$(Join-Path $TestDrive 'first-shell')'
[Console]::Out.WriteLine("SANDBOX `$(`$sandbox.ProcessId) `$(`$sandbox.Server)")
`$deadline = [datetime]::UtcNow.AddSeconds(120)
while (-not (Test-Path '$release') -and [datetime]::UtcNow -lt `$deadline) { Start-Sleep -Milliseconds 50 }
"@
        try {
            $ready = $first.StandardOutput.ReadLineAsync()
            $ready.Wait([timespan]::FromSeconds(90)) | Should -BeTrue
            $sandboxId, $server = ($ready.Result -replace '^SANDBOX ') -split ' '
            $second = Invoke-IsolatedPwsh $homePath @'
$listed = @(Get-OpenShiftSandbox)
'LISTED=' + ($listed.ProcessId -join ',')
$session = Connect-OpenShift -Sandbox
'SERVER=' + $session.Server
'NAMESPACE=' + $session.Namespace
'@
            $second.ExitCode | Should -Be 0 -Because $second.Output
            $second.Output | Should -Match "LISTED=$sandboxId\b"
            $second.Output | Should -Match "SERVER=$([regex]::Escape($server))"
            $second.Output | Should -Match 'NAMESPACE=myproject'
        }
        finally {
            New-Item -ItemType File $release -Force | Out-Null
            if (-not $first.WaitForExit(60000)) { $first.Kill($true) }
            $first.Dispose()
        }
        Wait-ProcessExit $sandboxId | Should -BeTrue
        Get-ChildItem (Get-RunningList $homePath) | Should -BeNullOrEmpty -Because 'a sandbox that stops takes itself off the list'
    }

    It 'says which sandboxes run and the command for each when several do' {
        $homePath = Join-Path $TestDrive 'home-several'
        $one = Join-Path $TestDrive "several-1"
        $two = Join-Path $TestDrive "several 2's"
        $run = Invoke-IsolatedPwsh $homePath @"
`$a = Start-OpenShiftSandbox -DataPath '$one'
`$b = Start-OpenShiftSandbox -DataPath '$($two -replace "'", "''")'
try { Connect-OpenShift -Sandbox; 'CONNECTED' }
catch {
    'ID=' + `$_.FullyQualifiedErrorId
    'CATEGORY=' + `$_.CategoryInfo.Category
    'TARGETS=' + (@(`$_.TargetObject).ProcessId -join ',') + '/' + `$a.ProcessId + ',' + `$b.ProcessId
    `$_.Exception.Message
    `$command = (`$_.Exception.Message -split "``n" | Where-Object { `$_ -match 'several 2' }).Trim()
    'CHOSEN=' + (Invoke-Expression `$command).Server + '/' + `$b.Server
}
Stop-OpenShiftSandbox `$a, `$b
"@
        $run.ExitCode | Should -Be 0 -Because $run.Output
        # The marker, in capitals: Connect-OpenShift's own line says "Connected to …" only when it connects.
        $run.Output | Should -Not -MatchExactly '(?m)^CONNECTED\s*$'
        $run.Output | Should -Match 'ID=SandboxAmbiguous,ImageStreamPS.Commands.ConnectOpenShiftCommand'
        $run.Output | Should -Match 'CATEGORY=InvalidOperation'
        $run.Output | Should -Match 'TARGETS=(\d+),(\d+)/\1,\2'
        $run.Output | Should -Match '2 sandboxes are running; choose one:'
        $run.Output | Should -Match ([regex]::Escape("Connect-OpenShift -Sandbox -DataPath '$one'"))
        $run.Output | Should -Match 'CHOSEN=(\S+)/\1'
    }

    It 'says how to start one when none runs' {
        $run = Invoke-IsolatedPwsh (Join-Path $TestDrive 'home-none') @'
try { Connect-OpenShift -Sandbox; 'CONNECTED' }
catch { 'ID=' + $_.FullyQualifiedErrorId; 'CATEGORY=' + $_.CategoryInfo.Category; $_.Exception.Message }
'@
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match 'ID=SandboxNotRunning,ImageStreamPS.Commands.ConnectOpenShiftCommand'
        $run.Output | Should -Match 'CATEGORY=ObjectNotFound'
        $run.Output | Should -Match 'No sandbox is running\. Start one with Start-OpenShiftSandbox -Connect'
    }

    It 'runs the help example: start one only when none runs, then connect' {
        $run = Invoke-IsolatedPwsh (Join-Path $TestDrive 'home-example') @'
if (-not (Get-OpenShiftSandbox)) { Start-OpenShiftSandbox -Seed Tutorial | Out-Null }
$session = Connect-OpenShift -Sandbox
if (-not (Get-OpenShiftSandbox)) { Start-OpenShiftSandbox -Seed Tutorial | Out-Null }
'SANDBOXES=' + @(Get-OpenShiftSandbox).Count
'SERVER=' + $session.Server + '/' + (Get-OpenShiftSandbox).Server
Import-ImageTag citas:v1 -From docker.io/josedom24/citas-backend:v1 -Force | Out-Null
'TAGS=' + ((Get-ImageTag citas:*).Name -join ',')
Stop-OpenShiftSandbox -All
'@
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match 'SANDBOXES=1'
        $run.Output | Should -Match 'SERVER=(\S+)/\1'
        $run.Output | Should -Match 'TAGS=citas:v1'
    }

    It 'prunes the entry of a sandbox that was killed' {
        $homePath = Join-Path $TestDrive 'home-killed'
        $run = Invoke-IsolatedPwsh $homePath @"
`$sandbox = Start-OpenShiftSandbox -DataPath '$(Join-Path $TestDrive 'killed-sandbox')'
'ENTRIES-BEFORE=' + @(Get-ChildItem '$(Get-RunningList $homePath)').Count
Stop-Process -Id `$sandbox.ProcessId -Force
Wait-Process -Id `$sandbox.ProcessId -Timeout 30 -ErrorAction SilentlyContinue
'LISTED=' + @(Get-OpenShiftSandbox).Count
'ENTRIES-AFTER=' + @(Get-ChildItem '$(Get-RunningList $homePath)').Count
"@
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match 'ENTRIES-BEFORE=1'
        $run.Output | Should -Match 'LISTED=0'
        $run.Output | Should -Match 'ENTRIES-AFTER=0'
    }

    It 'keeps the list owner-only' -Skip:$IsWindows {
        $homePath = Join-Path $TestDrive 'home-list-mode'
        $run = Invoke-IsolatedPwsh $homePath @"
`$sandbox = Start-OpenShiftSandbox -DataPath '$(Join-Path $TestDrive 'list-mode')'
(@(Get-Item '$(Get-RunningList $homePath)') + @(Get-ChildItem '$(Get-RunningList $homePath)')) | ForEach-Object { 'MODE ' + [int] `$_.UnixFileMode }
Stop-OpenShiftSandbox `$sandbox
"@
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $modes = @([regex]::Matches($run.Output, 'MODE (\d+)') | ForEach-Object { [int] $_.Groups[1].Value })
        $modes | Should -HaveCount 2
        $modes | Where-Object { $_ -band 0x3F } | Should -BeNullOrEmpty -Because 'neither group nor others may read the list'
    }
}

Describe 'Stop-OpenShiftSandbox' {
    It 'stops the sandbox cleanly and disconnects the session -Connect made' {
        $other = Start-OpenShiftSandbox -DataPath (Join-Path $TestDrive 'second') -Connect
        $other.ProcessId | Should -Not -Be $sandbox.ProcessId
        $other | Stop-OpenShiftSandbox -WarningVariable warnings
        $warnings | Should -BeNullOrEmpty
        Get-Process -Id $other.ProcessId -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Join-Path $other.DataPath 'sandbox.json' | Should -Not -Exist
        Get-OpenShiftSandbox -DataPath $other.DataPath | Should -BeNullOrEmpty
        $other.Session.IsConnected | Should -BeFalse
        # The first sandbox is untouched.
        (Get-OpenShiftSandbox -DataPath $dataPath).ProcessId | Should -Be $sandbox.ProcessId
    }

    It 'refuses $null (an unset variable) instead of stopping every sandbox' {
        $e = { Stop-OpenShiftSandbox $notSet -ErrorAction Stop } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -Be 'ParameterArgumentValidationErrorNullNotAllowed,ImageStreamPS.Commands.StopOpenShiftSandboxCommand'
        $e.CategoryInfo.Category | Should -Be 'InvalidData'
        { $null | Stop-OpenShiftSandbox -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationErrorNullNotAllowed,ImageStreamPS.Commands.StopOpenShiftSandboxCommand'
        @() | Stop-OpenShiftSandbox
        (Get-Process -Id $sandbox.ProcessId).HasExited | Should -BeFalse
        (Get-OpenShiftSandbox -DataPath $dataPath).ProcessId | Should -Be $sandbox.ProcessId
    }

    It 'stops every sandbox only with -All' {
        $run = Invoke-IsolatedPwsh (Join-Path $TestDrive 'home-stop-all') @"
`$first = Start-OpenShiftSandbox -DataPath '$(Join-Path $TestDrive 'all-1')'
`$second = Start-OpenShiftSandbox -DataPath '$(Join-Path $TestDrive 'all-2')'
Stop-OpenShiftSandbox -All -WhatIf
'AFTER-WHATIF=' + @(Get-OpenShiftSandbox).Count
Stop-OpenShiftSandbox -All
'AFTER-ALL=' + @(Get-OpenShiftSandbox).Count
'ALIVE=' + @(Get-Process -Id `$first.ProcessId, `$second.ProcessId -ErrorAction SilentlyContinue).Count
"@
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match 'What if: Performing the operation "Stop the OpenShift sandbox"'
        $run.Output | Should -Match 'AFTER-WHATIF=2'
        $run.Output | Should -Match 'AFTER-ALL=0'
        $run.Output | Should -Match 'ALIVE=0'
    }

    It 'stops a sandbox another shell started only with -Force: StartedHere is false there, and no one can confirm in a non-interactive shell' {
        $homePath = Join-Path $TestDrive 'home-started-elsewhere'
        $release = Join-Path $TestDrive 'started-elsewhere.release'
        $first = Start-IsolatedPwsh $homePath @"
`$sandbox = Start-OpenShiftSandbox -DataPath '$(Join-Path $TestDrive 'started-elsewhere')'
[Console]::Out.WriteLine("SANDBOX `$(`$sandbox.ProcessId) `$(`$sandbox.StartedHere)")
`$deadline = [datetime]::UtcNow.AddSeconds(120)
while (-not (Test-Path '$release') -and [datetime]::UtcNow -lt `$deadline) { Start-Sleep -Milliseconds 50 }
"@
        try {
            $ready = $first.StandardOutput.ReadLineAsync()
            $ready.Wait([timespan]::FromSeconds(90)) | Should -BeTrue
            $sandboxId, $startedThere = ($ready.Result -replace '^SANDBOX ') -split ' '
            $startedThere | Should -Be 'True'
            $second = Invoke-IsolatedPwsh $homePath @'
$ErrorActionPreference = 'Continue'
'STARTED-HERE=' + (Get-OpenShiftSandbox).StartedHere
Get-OpenShiftSandbox | Stop-OpenShiftSandbox -ErrorVariable refused 2>$null
'ID=' + $refused[0].FullyQualifiedErrorId
'CATEGORY=' + $refused[0].CategoryInfo.Category
'MESSAGE=' + $refused[0].Exception.Message
'AFTER-REFUSAL=' + @(Get-OpenShiftSandbox).Count
Get-OpenShiftSandbox | Stop-OpenShiftSandbox -Force
'AFTER-FORCE=' + @(Get-OpenShiftSandbox).Count
'@
            $second.ExitCode | Should -Be 0 -Because $second.Output
            $second.Output | Should -Match 'STARTED-HERE=False'
            $second.Output | Should -Match 'ID=SandboxStartedElsewhere,ImageStreamPS.Commands.StopOpenShiftSandboxCommand'
            $second.Output | Should -Match 'CATEGORY=PermissionDenied'
            $second.Output | Should -Match "MESSAGE=The sandbox at https://127\.0\.0\.1:\d+ \(process $sandboxId\) was not started by this shell .* Add -Force"
            $second.Output | Should -Match 'AFTER-REFUSAL=1'
            $second.Output | Should -Match 'AFTER-FORCE=0'
            Wait-ProcessExit $sandboxId | Should -BeTrue
        }
        finally {
            New-Item -ItemType File $release -Force | Out-Null
            if (-not $first.WaitForExit(60000)) { $first.Kill($true) }
            $first.Dispose()
        }
    }

    It 'keeps the data for the next start' {
        $path = Join-Path $TestDrive 'restart'
        $first = Start-OpenShiftSandbox -DataPath $path
        $token = Get-Content -Raw $first.KubeConfigPath
        $first | Stop-OpenShiftSandbox
        $second = Start-OpenShiftSandbox -DataPath $path
        try { Get-Content -Raw $second.KubeConfigPath | Should -Match ([regex]::Escape(($token -split "`n" | Where-Object { $_ -match 'token:' }))) }
        finally { $second | Stop-OpenShiftSandbox }
    }
}

Describe 'A sandbox started from PowerShell' {
    It 'keeps serving when Ctrl+C cancels a command in that shell, and ends with the shell' -Skip:(-not $IsLinux -or -not (Get-Command script, env -CommandType Application -ErrorAction SilentlyContinue)) {
        $path = Join-Path $TestDrive 'interrupted'
        $release = Join-Path $TestDrive 'interrupted.release'
        $shellScript = Join-Path $TestDrive 'interrupted.ps1'
        Set-Content $shellScript @"
Import-Module '$env:IMAGESTREAMPS_MODULE_PATH'
`$sandbox = Start-OpenShiftSandbox -DataPath '$path'
[Console]::Out.WriteLine("SANDBOX `$(`$sandbox.ProcessId)")
try { Start-Sleep -Seconds 300 }
finally {
    [Console]::Out.WriteLine('INTERRUPTED')
    `$deadline = [datetime]::UtcNow.AddSeconds(120)
    while (-not [IO.File]::Exists('$release') -and [datetime]::UtcNow -lt `$deadline) { [Threading.Thread]::Sleep(50) }
}
"@
        # script(1) runs the shell on a pseudo-terminal, as a terminal window does: Ctrl+C written to
        # it makes the terminal send SIGINT to the shell's whole foreground process group. env resets
        # SIGINT in case this test runs with it ignored (a background job of a non-interactive shell).
        $shellCommand = (@('env', '--default-signal=INT,QUIT') + $pwshCommand + @('-NoProfile', '-File', $shellScript) | ForEach-Object { "'$_'" }) -join ' '
        $info = [Diagnostics.ProcessStartInfo]::new('script')
        foreach ($argument in '-qfec', $shellCommand, '/dev/null') { $info.ArgumentList.Add($argument) }
        $info.RedirectStandardInput = $true
        $info.RedirectStandardOutput = $true
        $info.UseShellExecute = $false
        $terminal = [Diagnostics.Process]::Start($info)
        try {
            function Read-Until([string] $Pattern) {
                $deadline = [datetime]::UtcNow.AddSeconds(90)
                while ([datetime]::UtcNow -lt $deadline) {
                    $read = $terminal.StandardOutput.ReadLineAsync()
                    if (-not $read.Wait($deadline - [datetime]::UtcNow) -or $null -eq $read.Result) { break }
                    if ($read.Result -match $Pattern) { return $Matches }
                }
                throw "The shell never printed $Pattern"
            }
            $sandboxId = [int] (Read-Until 'SANDBOX (\d+)')[1]
            $terminal.StandardInput.Write([char] 3)
            $terminal.StandardInput.Flush()
            Read-Until 'INTERRUPTED' | Out-Null

            (Get-Process -Id $sandboxId -ErrorAction SilentlyContinue) | Should -Not -BeNullOrEmpty -Because 'Ctrl+C is for the command, not the sandbox'
            $session = Connect-OpenShift -Sandbox -DataPath $path -NotDefault
            try { $session.ServerVersion | Should -Match '^v1\.'; Get-ImageStream -Session $session | Should -BeNullOrEmpty }
            finally { $session | Disconnect-OpenShift }

            New-Item -ItemType File $release | Out-Null
            Wait-ProcessExit $sandboxId | Should -BeTrue -Because 'the sandbox ends with the shell that started it'
        }
        finally {
            if (-not $terminal.HasExited) { $terminal.Kill($true) }
            $terminal.Dispose()
            if ($sandboxId) { Get-Process -Id $sandboxId -ErrorAction SilentlyContinue | Stop-Process -Force }
        }
    }

    It 'stops when that PowerShell process is killed' {
        $path = Join-Path $TestDrive 'killed'
        $shell = Start-IsolatedPwsh (Join-Path $TestDrive 'home-killed-shell') "[Console]::Out.WriteLine((Start-OpenShiftSandbox -DataPath '$path').ProcessId); Start-Sleep -Seconds 300"
        try {
            $read = $shell.StandardOutput.ReadLineAsync()
            $read.Wait([timespan]::FromSeconds(90)) | Should -BeTrue
            $sandboxId = [int] $read.Result
            $shell.Kill() # SIGKILL: no clean-up code runs in the shell
            Wait-ProcessExit $sandboxId | Should -BeTrue -Because 'the sandbox ends with the shell that started it, however it ends'
        }
        finally {
            if (-not $shell.HasExited) { $shell.Kill($true) }
            $shell.Dispose()
            if ($sandboxId) { Get-Process -Id $sandboxId -ErrorAction SilentlyContinue | Stop-Process -Force }
        }
    }

    It 'stops when that PowerShell process exits' {
        $path = Join-Path $TestDrive 'orphan'
        $child = Join-Path $TestDrive 'start-and-exit.ps1'
        Set-Content $child "Import-Module '$env:IMAGESTREAMPS_MODULE_PATH'; (Start-OpenShiftSandbox -DataPath '$path').ProcessId"
        $process = [Environment]::ProcessPath
        $arguments = @(if ((Split-Path $process -Leaf) -like 'dotnet*') { "$PSHOME/pwsh.dll" })
        $sandboxId = [int] (& $process @arguments -NoProfile -NonInteractive -File $child | Select-Object -Last 1)
        $LASTEXITCODE | Should -Be 0
        $sandboxId | Should -BeGreaterThan 0
        $deadline = [datetime]::UtcNow.AddSeconds(30)
        while ((Get-Process -Id $sandboxId -ErrorAction SilentlyContinue) -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        $left = Get-Process -Id $sandboxId -ErrorAction SilentlyContinue
        if ($left) { $left.Kill() }
        $left | Should -BeNullOrEmpty
    }
}
