# Start-, Get- and Stop-OpenShiftSandbox against the real sandbox program shipped in the module,
# and connecting to it every way Connect-OpenShift offers. Each sandbox lives in TestDrive.
BeforeAll {
    Import-Module $env:IMAGESTREAMPS_MODULE_PATH -Force
    $script:dataPath = Join-Path $TestDrive 'sandbox'
    $script:sandbox = Start-OpenShiftSandbox -DataPath $dataPath -Connect

    # What the sandbox wrote into its kubeconfig (its contract): the token and the CA.
    $kubeconfigText = Get-Content -Raw $sandbox.KubeConfigPath
    $script:sandboxToken = [regex]::Match($kubeconfigText, '(?m)^\s*token:\s*"?([^"\s]+)').Groups[1].Value
    $script:caFile = Join-Path $TestDrive 'sandbox-ca.crt'
    $caData = [regex]::Match($kubeconfigText, '(?m)certificate-authority-data:\s*"?([^"\s]+)').Groups[1].Value
    [IO.File]::WriteAllBytes($caFile, [Convert]::FromBase64String($caData))
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
    }

    It 'starts nothing with -WhatIf' {
        $other = Join-Path $TestDrive 'whatif'
        Start-OpenShiftSandbox -DataPath $other -WhatIf | Should -BeNullOrEmpty
        Join-Path $other 'sandbox.json' | Should -Not -Exist
    }

    It 'reports a sandbox that dies before it is ready, with its output' {
        $notAFolder = Join-Path $TestDrive 'not-a-folder'
        Set-Content $notAFolder 'a file where the data folder should be'
        $e = { Start-OpenShiftSandbox -DataPath $notAFolder -ErrorAction Stop } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -Be 'SandboxStartFailed,ImageStreamPS.Commands.StartOpenShiftSandboxCommand'
        $e.CategoryInfo.Category | Should -Be 'OpenError'
        $e.Exception.Message | Should -Match 'exited with code'
        $e.Exception.Message | Should -Match 'not-a-folder'
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
        $table | Should -Match 'ProcessId\s+Server\s+RegistryEndpoint\s+DataPath'
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
