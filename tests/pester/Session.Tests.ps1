BeforeAll {
    Import-Module $env:IMAGESTREAMPS_MODULE_PATH -Force
    if (-not ('TestApiServer' -as [type])) { Add-Type -Path (Join-Path $PSScriptRoot 'TestApiServer.cs') }
    # A token no output may ever contain.
    $script:token = 'sha256~Tok3n-' + [guid]::NewGuid().ToString('N')
    $script:server = [TestApiServer]::new($token, [string[]] @('myproject', 'citas'))
    $script:kubeconfig = $server.WriteKubeConfig((Join-Path $TestDrive 'kubeconfig'), $token, 'myproject', $null)
    $script:caFile = Join-Path $TestDrive 'ca.crt'
    Set-Content -Path $caFile -Value $server.CertificateAuthorityPem
    $script:secureToken = ConvertTo-SecureString $token -AsPlainText -Force

    function Get-AllText([scriptblock] $Script) {
        # Every stream (output, errors, warnings, verbose) as the user would see it, formatted.
        $VerbosePreference = 'Continue'
        $WarningPreference = 'Continue'
        $records = try { & $Script *>&1 } catch { $_ }
        $records | ForEach-Object {
            $_
            if ($_ -is [System.Management.Automation.ErrorRecord]) { $_ | Format-List * -Force; $_.Exception | Format-List * -Force; "$($_.Exception)" }
        } | Out-String -Width 500
    }
}

AfterAll {
    Get-OpenShiftSession | Disconnect-OpenShift
    $server.Dispose()
}

Describe 'Connect-OpenShift from a kubeconfig' {
    AfterEach { Get-OpenShiftSession | Disconnect-OpenShift }

    It 'returns a session with the server, context, user, namespace and version' {
        $session = Connect-OpenShift -KubeConfig $kubeconfig
        $session.Server | Should -Be ([uri] $server.Server)
        $session.Context | Should -Be 'test'
        $session.User | Should -Be 'tester'
        $session.Namespace | Should -Be 'myproject'
        $session.ServerVersion | Should -Be 'v1.32.0-test'
        $session.IsDefault | Should -BeTrue
        $session.ConnectedAt | Should -BeOfType [datetime]
        $session | Should -BeOfType ([ImageStreamPS.Session.OpenShiftSession])
    }

    It 'checks the connection with one GET /version carrying the token' {
        $before = $server.Requests.Count
        Connect-OpenShift -KubeConfig $kubeconfig | Out-Null
        @($server.Requests)[$before..($server.Requests.Count - 1)] | Should -Be @('GET /version/ auth=yes')
    }

    It 'makes the session the runspace default' {
        $session = Connect-OpenShift -KubeConfig $kubeconfig
        Get-OpenShiftSession -Default | Should -Be $session
    }

    It 'uses -Namespace instead of the context namespace' {
        (Connect-OpenShift -KubeConfig $kubeconfig -Namespace citas).Namespace | Should -Be 'citas'
    }

    It 'falls back to namespace default when the context has none, as kubectl does' {
        $noNamespace = $server.WriteKubeConfig((Join-Path $TestDrive 'no-namespace'), $token, $null, $null)
        (Connect-OpenShift -KubeConfig $noNamespace).Namespace | Should -Be 'default'
    }

    It 'merges the files of $env:KUBECONFIG, the first file winning' {
        $first = $server.WriteKubeConfig((Join-Path $TestDrive 'first'), $token, 'citas', $null)
        $second = $server.WriteKubeConfig((Join-Path $TestDrive 'second'), $token, 'myproject', $null, 'other', 'other')
        $saved = $env:KUBECONFIG
        try {
            $env:KUBECONFIG = $first, (Join-Path $TestDrive 'missing'), $second -join [IO.Path]::PathSeparator
            $fromFirst = Connect-OpenShift
            $fromSecond = Connect-OpenShift -Context other
        }
        finally { $env:KUBECONFIG = $saved }
        $fromFirst.Context | Should -Be 'test'
        $fromFirst.Namespace | Should -Be 'citas'
        $fromSecond.Context | Should -Be 'other'
        $fromSecond.User | Should -Be 'other'
        $fromSecond.Namespace | Should -Be 'myproject'
    }

    It 'gets the token from an exec credential plugin' -Skip:$IsWindows {
        $plugin = Join-Path $TestDrive 'credential-plugin.sh'
        Set-Content $plugin "#!/bin/sh`necho '{""apiVersion"":""client.authentication.k8s.io/v1beta1"",""kind"":""ExecCredential"",""status"":{""token"":""$token""}}'"
        chmod +x $plugin
        $execConfig = Join-Path $TestDrive 'exec-kubeconfig'
        (Get-Content -Raw $kubeconfig) -replace "token: $token", "exec:`n      apiVersion: client.authentication.k8s.io/v1beta1`n      command: $plugin`n      interactiveMode: Never" |
            Set-Content $execConfig
        (Get-Content -Raw $execConfig) | Should -Not -Match ([regex]::Escape($token))
        $before = $server.Requests.Count
        (Connect-OpenShift -KubeConfig $execConfig).ServerVersion | Should -Be 'v1.32.0-test'
        @($server.Requests)[$before..($server.Requests.Count - 1)] | Should -Be @('GET /version/ auth=yes')
    }

    It 'completes -Context from the kubeconfig' {
        $line = "Connect-OpenShift -KubeConfig '$kubeconfig' -Context t"
        (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be @('test')
    }

    It 'reports a context that is not in the kubeconfig' {
        { Connect-OpenShift -KubeConfig $kubeconfig -Context nope -ErrorAction Stop } |
            Should -Throw -ErrorId 'KubeConfigContextNotFound,ImageStreamPS.Commands.ConnectOpenShiftCommand'
    }

    It 'reports a missing kubeconfig' {
        $e = { Connect-OpenShift -KubeConfig (Join-Path $TestDrive 'absent') -ErrorAction Stop } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -Be 'KubeConfigNotFound,ImageStreamPS.Commands.ConnectOpenShiftCommand'
        $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'never writes the kubeconfig' {
        $before = Get-FileHash $kubeconfig
        Connect-OpenShift -KubeConfig $kubeconfig -Namespace citas | Out-Null
        Set-OpenShiftSession -Namespace myproject
        (Get-FileHash $kubeconfig).Hash | Should -Be $before.Hash
    }
}

Describe 'Connect-OpenShift with -Server and -Token' {
    AfterEach { Get-OpenShiftSession | Disconnect-OpenShift }

    It 'connects with a bearer token and a certificate authority file' {
        $session = Connect-OpenShift -Server $server.Server -Token $secureToken -CertificateAuthority $caFile
        $session.ServerVersion | Should -Be 'v1.32.0-test'
        $session.Namespace | Should -Be 'default'
        $session.Context | Should -BeNullOrEmpty
    }

    It 'returns a non-default session with -NotDefault' {
        $session = Connect-OpenShift -Server $server.Server -Token $secureToken -CertificateAuthority $caFile -NotDefault
        $session.IsDefault | Should -BeFalse
        Get-OpenShiftSession -Default | Should -BeNullOrEmpty
        Get-OpenShiftSession | Should -Be $session
    }

    It 'connects despite an untrusted certificate with -SkipCertificateCheck, with a warning' {
        $session = Connect-OpenShift -Server $server.Server -Token $secureToken -SkipCertificateCheck -WarningVariable warnings -WarningAction SilentlyContinue
        $session.SkipCertificateCheck | Should -BeTrue
        $warnings | Should -Match 'will not be verified'
    }
}

Describe 'Connection failures' {
    It 'reports a <Case> as <Id> (<Category>)' -ForEach @(
        @{ Case = 'wrong token'; Id = 'OpenShiftUnauthorized'; Category = 'SecurityError'; Message = '401 Unauthorized' }
        @{ Case = 'unreachable server'; Id = 'OpenShiftConnectionFailed'; Category = 'ConnectionError'; Message = 'Cannot connect to https://127.0.0.1:' }
        @{ Case = 'bad certificate'; Id = 'OpenShiftCertificateInvalid'; Category = 'SecurityError'; Message = 'certificate' }
    ) {
        $parameters = switch ($Case) {
            'wrong token' { @{ Server = $server.Server; Token = (ConvertTo-SecureString 'not-the-token' -AsPlainText -Force); CertificateAuthority = $caFile } }
            'unreachable server' {
                $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0); $listener.Start()
                $closedPort = $listener.LocalEndpoint.Port; $listener.Stop()
                @{ Server = "https://127.0.0.1:$closedPort"; Token = $secureToken }
            }
            'bad certificate' { @{ KubeConfig = $server.WriteKubeConfig((Join-Path $TestDrive 'other-ca'), $token, 'myproject', [TestApiServer]::NewCertificatePem()) } }
        }
        $e = { Connect-OpenShift @parameters -ErrorAction Stop } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -Be "$Id,ImageStreamPS.Commands.ConnectOpenShiftCommand"
        $e.CategoryInfo.Category | Should -Be $Category
        $e.Exception.Message | Should -BeLike "*$Message*"
        $e.TargetObject | Should -BeOfType [uri]
        Get-OpenShiftSession | Should -BeNullOrEmpty
    }

    It 'never shows the token: <Case>' -ForEach @(
        @{ Case = 'connect, verbose, format and ToString'; Script = {
                $s = Connect-OpenShift -KubeConfig $kubeconfig -Verbose
                $s; $s | Format-List * -Force; $s | Format-Table; "$s"; $s | ConvertTo-Json -Depth 3
                Get-OpenShiftSession | Disconnect-OpenShift } }
        @{ Case = 'token connect'; Script = { Connect-OpenShift -Server $server.Server -Token $secureToken -CertificateAuthority $caFile -Verbose -NotDefault | Format-List * } }
        @{ Case = 'a refused token'; Script = {
                $strict = [TestApiServer]::new('another-token', [string[]] @())
                try { Connect-OpenShift -KubeConfig $strict.WriteKubeConfig((Join-Path $TestDrive 'refused'), $token, 'myproject', $null) -Verbose }
                finally { $strict.Dispose() } } }
        @{ Case = 'a bad certificate'; Script = {
                $otherCa = $server.WriteKubeConfig((Join-Path $TestDrive 'other-ca2'), $token, 'myproject', [TestApiServer]::NewCertificatePem())
                Connect-OpenShift -KubeConfig $otherCa -Verbose } }
        @{ Case = 'an unreachable server'; Script = { Connect-OpenShift -Server 'https://127.0.0.1:1' -Token $secureToken -Verbose } }
    ) {
        $text = Get-AllText $Script
        $text | Should -Not -BeNullOrEmpty
        $text | Should -Not -Match ([regex]::Escape($token))
        $text | Should -Not -Match 'Tok3n'
    }
}

Describe 'Connect-OpenShift -InCluster' {
    It 'reports that this is not a pod with a service account' -Skip:([bool] $env:KUBERNETES_SERVICE_HOST) {
        $e = { Connect-OpenShift -InCluster -ErrorAction Stop } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -Be 'NotInCluster,ImageStreamPS.Commands.ConnectOpenShiftCommand'
        $e.CategoryInfo.Category | Should -Be 'InvalidOperation'
    }
}

Describe 'Writing to the pipeline from async work' {
    AfterEach { Get-OpenShiftSession | Disconnect-OpenShift }

    It 'stops cleanly when a downstream command takes only what it needs' {
        1..3 | ForEach-Object { Connect-OpenShift -KubeConfig $kubeconfig -NotDefault } | Out-Null
        $first = @(Get-OpenShiftSession | Select-Object -First 1 -ErrorVariable failures)
        $first | Should -HaveCount 1
        $failures | Should -BeNullOrEmpty
    }

    It 'sends sessions connected by pipeline input to the next command in order' {
        $sessions = @('citas', 'myproject') | ForEach-Object { Connect-OpenShift -KubeConfig $kubeconfig -Namespace $_ -NotDefault }
        $sessions.Namespace | Should -Be @('citas', 'myproject')
    }
}

Describe 'Error records for cluster failures' {
    BeforeAll {
        # The engine lives in the module's own load context: reach its exception type by reflection.
        $engine = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'ImageStreamPS.OpenShift' }
        $script:exceptionType = $engine.GetType('ImageStreamPS.OpenShift.Connection.OpenShiftApiException')
        $script:failureType = $engine.GetType('ImageStreamPS.OpenShift.Connection.ApiFailure')
        function New-ApiException([string] $Failure, [string] $Reason, [string] $Kind) {
            [Activator]::CreateInstance($exceptionType, @([Enum]::Parse($failureType, $Failure), $Reason, "server says $Reason", $null, $Kind, 'citas', $null, $null, $null, $null))
        }
    }

    It 'maps <Failure> <Reason> on <Kind> to <Category> with id <Id>' -ForEach @(
        @{ Failure = 'Status'; Reason = 'NotFound'; Kind = 'imagestreams'; Category = 'ObjectNotFound'; Id = 'ImageStreamNotFound' }
        @{ Failure = 'Status'; Reason = 'AlreadyExists'; Kind = 'imagestreams'; Category = 'ResourceExists'; Id = 'ImageStreamAlreadyExists' }
        @{ Failure = 'Status'; Reason = 'Conflict'; Kind = 'deployments'; Category = 'ResourceBusy'; Id = 'DeploymentConflict' }
        @{ Failure = 'Status'; Reason = 'Invalid'; Kind = 'ImageStream'; Category = 'InvalidArgument'; Id = 'ImageStreamInvalid' }
        @{ Failure = 'Status'; Reason = 'Forbidden'; Kind = 'imagestreamtags'; Category = 'PermissionDenied'; Id = 'ImageStreamTagForbidden' }
        @{ Failure = 'Status'; Reason = 'Unauthorized'; Kind = $null; Category = 'SecurityError'; Id = 'OpenShiftUnauthorized' }
        @{ Failure = 'Status'; Reason = 'Timeout'; Kind = $null; Category = 'OperationTimeout'; Id = 'OpenShiftTimeout' }
        @{ Failure = 'Timeout'; Reason = 'Timeout'; Kind = $null; Category = 'OperationTimeout'; Id = 'OpenShiftTimeout' }
        @{ Failure = 'Connection'; Reason = 'ConnectionFailed'; Kind = $null; Category = 'ConnectionError'; Id = 'OpenShiftConnectionFailed' }
        @{ Failure = 'Certificate'; Reason = 'CertificateInvalid'; Kind = $null; Category = 'SecurityError'; Id = 'OpenShiftCertificateInvalid' }
    ) {
        $record = [ImageStreamPS.Commands.OpenShiftErrorRecord]::From((New-ApiException $Failure $Reason $Kind), $null, $null)
        $record.CategoryInfo.Category | Should -Be $Category
        $record.FullyQualifiedErrorId | Should -Be $Id
        $record.TargetObject | Should -Be 'citas'
        $record.ErrorDetails.Message | Should -Be "server says $Reason"
    }

    It 'uses the id and target the cmdlet chooses' {
        $record = [ImageStreamPS.Commands.OpenShiftErrorRecord]::From((New-ApiException Status NotFound imagestreamtags), 'ImageTagNotFound', 'citas:v9')
        $record.FullyQualifiedErrorId | Should -Be 'ImageTagNotFound'
        $record.TargetObject | Should -Be 'citas:v9'
    }
}

Describe 'Cmdlets built on OpenShiftCmdlet (Get-AppRollout as the example)' {
    AfterEach { Get-OpenShiftSession | Disconnect-OpenShift }

    It 'tells the user to connect when the runspace has no session' {
        $e = { Get-AppRollout -ErrorAction Stop } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -Be 'NoOpenShiftSession,ImageStreamPS.Commands.GetAppRolloutCommand'
        $e.CategoryInfo.Category | Should -Be 'ConnectionError'
        $e.Exception.Message | Should -Match 'Connect-OpenShift'
    }

    It 'refuses a disconnected session' {
        $session = Connect-OpenShift -KubeConfig $kubeconfig -NotDefault
        $session | Disconnect-OpenShift
        { Get-AppRollout -Session $session -ErrorAction Stop } | Should -Throw -ErrorId 'OpenShiftSessionDisconnected,ImageStreamPS.Commands.GetAppRolloutCommand'
    }

    It 'works in the namespace of the session it is given, or -Namespace' {
        $session = Connect-OpenShift -KubeConfig $kubeconfig -NotDefault -Namespace citas
        Connect-OpenShift -KubeConfig $kubeconfig | Out-Null  # a default in another namespace
        # The test server has no deployments API: the cmdlet fails after its first request, which is all this needs.
        $fromSession = & { try { Get-AppRollout -Session $session -Verbose 4>&1 } catch { } } | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $fromParameter = & { try { Get-AppRollout -Session $session -Namespace other -Verbose 4>&1 } catch { } } | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        # Deployments and DeploymentConfigs are listed at the same time: either request may come first.
        @($fromSession.Message -match '^GET /apis/apps/v1/namespaces/citas/deployments') | Should -HaveCount 1
        @($fromParameter.Message -match '^GET /apis/apps/v1/namespaces/other/deployments') | Should -HaveCount 1
        @($fromSession.Message -notmatch ' /apis/[^ ]+/namespaces/citas/') | Should -HaveCount 0
        @($fromParameter.Message -notmatch ' /apis/[^ ]+/namespaces/other/') | Should -HaveCount 0
    }
}

Describe 'Verbose request lines' {
    It 'writes one line per request with method, path, status and time' {
        $lines = Connect-OpenShift -KubeConfig $kubeconfig -NotDefault -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $lines.Message | Should -Contain ($lines.Message | Where-Object { $_ -match '^GET /version/? -> 200 \(\d+ ms\)$' })
        @($lines.Message -match '^GET /version') | Should -HaveCount 1
    }

    It 'writes them under $VerbosePreference as under -Verbose, and none when it is SilentlyContinue' {
        $session = Connect-OpenShift -KubeConfig $kubeconfig -NotDefault
        $VerbosePreference = 'Continue'
        $shown = & { try { Get-AppRollout app -Session $session 4>&1 } catch { } } | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $VerbosePreference = 'SilentlyContinue'
        $hidden = & { try { Get-AppRollout app -Session $session 4>&1 } catch { } } | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $silenced = & { try { Get-AppRollout app -Session $session -Verbose:$false 4>&1 } catch { } } | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }

        @($shown.Message -match '^GET /apis/apps/v1/namespaces/myproject/deployments/app -> \d{3} \(\d+ ms\)$') | Should -HaveCount 1
        @($hidden) | Should -HaveCount 0
        @($silenced) | Should -HaveCount 0
    }
}

Describe 'Set-OpenShiftSession' {
    BeforeEach { $script:session = Connect-OpenShift -KubeConfig $kubeconfig }
    AfterEach { Get-OpenShiftSession | Disconnect-OpenShift }

    It 'switches the namespace of the default session after checking the project exists' {
        Set-OpenShiftSession -Namespace citas
        (Get-OpenShiftSession -Default).Namespace | Should -Be 'citas'
        $server.Requests | Should -Contain 'GET /apis/project.openshift.io/v1/projects/citas auth=yes'
    }

    It 'returns the session with -PassThru, and changes a session given by pipeline' {
        $other = Connect-OpenShift -KubeConfig $kubeconfig -NotDefault
        $result = $other | Set-OpenShiftSession -Namespace citas -PassThru
        $result | Should -Be $other
        $other.Namespace | Should -Be 'citas'
        $session.Namespace | Should -Be 'myproject'
    }

    It 'rejects a project that does not exist, leaving the namespace as it was' {
        $e = { Set-OpenShiftSession -Namespace ghost -ErrorAction Stop } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -Be 'ProjectNotFound,ImageStreamPS.Commands.SetOpenShiftSessionCommand'
        $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e.TargetObject | Should -Be 'ghost'
        $session.Namespace | Should -Be 'myproject'
    }

    It 'sets a namespace it cannot check with -Force' {
        Set-OpenShiftSession -Namespace ghost -Force
        $session.Namespace | Should -Be 'ghost'
    }

    It 'changes nothing with -WhatIf' {
        Set-OpenShiftSession -Namespace citas -WhatIf
        $session.Namespace | Should -Be 'myproject'
    }
}

Describe 'Disconnect-OpenShift' {
    It 'closes the default session and leaves the runspace without one' {
        $session = Connect-OpenShift -KubeConfig $kubeconfig
        Disconnect-OpenShift
        $session.IsConnected | Should -BeFalse
        Get-OpenShiftSession | Should -BeNullOrEmpty
    }

    It 'makes later use of the session fail with OpenShiftSessionDisconnected' {
        $session = Connect-OpenShift -KubeConfig $kubeconfig
        $session | Disconnect-OpenShift
        { Set-OpenShiftSession -Session $session -Namespace citas -ErrorAction Stop } |
            Should -Throw -ErrorId 'OpenShiftSessionDisconnected,ImageStreamPS.Commands.SetOpenShiftSessionCommand'
    }
}

Describe 'The default session is per runspace' {
    BeforeAll {
        function New-ModuleRunspace {
            $ps = [powershell]::Create()
            $ps.AddCommand('Import-Module').AddArgument($env:IMAGESTREAMPS_MODULE_PATH).Invoke() | Out-Null
            $ps.Commands.Clear()
            $ps
        }
    }
    AfterEach { Get-OpenShiftSession | Disconnect-OpenShift }

    It 'does not see or change the default session of another runspace' {
        $mine = Connect-OpenShift -KubeConfig $kubeconfig
        $other = New-ModuleRunspace
        try {
            $other.AddScript('Get-OpenShiftSession -Default').Invoke() | Should -BeNullOrEmpty
            $other.Commands.Clear()
            $theirs = $other.AddScript("Connect-OpenShift -KubeConfig '$kubeconfig' -Namespace citas; Get-OpenShiftSession -Default").Invoke()
            $theirs[1].Namespace | Should -Be 'citas'
            $theirs[1].Id | Should -Not -Be $mine.Id
        }
        finally { $other.Dispose() }
        Get-OpenShiftSession -Default | Should -Be $mine
        (Get-OpenShiftSession -Default).Namespace | Should -Be 'myproject'
    }

    It 'gives parallel runspaces no default, so they pass -Session explicitly' {
        Connect-OpenShift -KubeConfig $kubeconfig | Out-Null
        $module = $env:IMAGESTREAMPS_MODULE_PATH
        $defaults = 1..2 | ForEach-Object -Parallel { Import-Module $using:module; @(Get-OpenShiftSession -Default).Count }
        $defaults | Should -Be @(0, 0)
    }
}

Describe 'Ctrl+C' {
    It 'cancels the request in flight when the pipeline is stopped' {
        $server.VersionDelay = [timespan]::FromMinutes(5)
        $ps = [powershell]::Create()
        try {
            $ps.AddCommand('Import-Module').AddArgument($env:IMAGESTREAMPS_MODULE_PATH).Invoke() | Out-Null
            $ps.Commands.Clear()
            $ps.AddCommand('Connect-OpenShift').AddParameter('KubeConfig', $kubeconfig) | Out-Null
            $before = $server.Requests.Count
            $async = $ps.BeginInvoke()
            $deadline = [datetime]::UtcNow.AddSeconds(20)
            while ($server.Requests.Count -eq $before -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $ps.Stop()
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $deadline = [datetime]::UtcNow.AddSeconds(20)
            while (-not ($server.Requests -like 'ABORTED /version*') -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $server.Requests | Should -Contain 'ABORTED /version/'
        }
        finally {
            $server.VersionDelay = [timespan]::Zero
            $ps.Dispose()
        }
    }
}
