# Tab completion of names that live on the cluster: image streams and their tags, from the
# session's namespace on a sandbox started for this file, through TabExpansion2 as PSReadLine calls it.
BeforeAll {
    Import-Module $env:IMAGESTREAMPS_MODULE_PATH -Force
    $sandbox = Start-OpenShiftSandbox -Seed Tutorial -DataPath (Join-Path $TestDrive 'sandbox') -Connect
    New-ImageStream citas, cinema | Out-Null
    Import-ImageTag citas:v1 -From docker.io/josedom24/citas-backend:v1 | Out-Null
    Import-ImageTag citas:v2 -From docker.io/josedom24/citas-backend:v2 | Out-Null
    Set-ImageTag citas:v1 citas:prod -InformationAction Ignore
    New-App citas:prod -Name app-citas -InformationAction Ignore | Out-Null

    # Tab as a user presses it: on a busy machine the first press may come back empty while the
    # cluster answers in the background (completion waits 1.5 s at most); pressing again offers it.
    function Get-Completion([string] $Line) {
        foreach ($press in 1..10) {
            $found = @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches)
            if ($found) { return $found }
        }
        @()
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

Describe 'Tab completion of apps, services, sources and namespaces' {
    It 'matches names in any case: Get-ImageStream CI + Tab' {
        @((Get-Completion 'Get-ImageStream CI').CompletionText | Sort-Object) | Should -Be @('cinema', 'citas')
        (Get-Completion 'Get-ImageTag CITAS:V').CompletionText | Should -Contain 'citas:v1'
    }

    It 'completes app names: Get-AppRollout app + Tab (any case)' {
        (Get-Completion 'Get-AppRollout app').CompletionText | Should -Be @('app-citas')
        (Get-Completion 'Get-AppRollout APP-').CompletionText | Should -Be @('app-citas')
    }

    It 'completes the Service of New-AppRoute, named or by position' {
        (Get-Completion 'New-AppRoute -Service app').CompletionText | Should -Be @('app-citas')
        (Get-Completion 'New-AppRoute app').CompletionText | Should -Be @('app-citas')
    }

    It 'completes the sources of New-App: streams, then their tags, also in another namespace' {
        @((Get-Completion 'New-App ci').CompletionText | Sort-Object) | Should -Be @('cinema', 'citas')
        @((Get-Completion 'New-App citas:').CompletionText | Sort-Object) | Should -Be @('citas:prod', 'citas:v1', 'citas:v2')
        (Get-Completion 'New-App myproject/citas:v').CompletionText | Should -Be @('myproject/citas:v1', 'myproject/citas:v2')
    }

    It 'completes Set-OpenShiftSession -Namespace with the cluster''s projects (any case)' {
        (Get-Completion 'Set-OpenShiftSession -Namespace my').CompletionText | Should -Contain 'myproject'
        (Get-Completion 'Set-OpenShiftSession MY').CompletionText | Should -Contain 'myproject'
    }

    It 'completes -Namespace of other cmdlets from the session''s cluster' {
        (Get-Completion 'Get-ImageStream -Namespace myp').CompletionText | Should -Contain 'myproject'
    }

    It 'completes Connect-OpenShift -Namespace from the cluster of -KubeConfig, before any session to it exists' {
        # A runspace of its own has no session: the completer connects with the kubeconfig itself.
        $ps = [powershell]::Create()
        try {
            $line = "Connect-OpenShift -KubeConfig '$($sandbox.KubeConfigPath)' -Namespace my"
            $null = $ps.AddScript("Import-Module '$env:IMAGESTREAMPS_MODULE_PATH'; foreach (`$i in 1..20) { `$found = @((TabExpansion2 -inputScript `$args[0] -cursorColumn `$args[0].Length).CompletionMatches.CompletionText); if (`$found) { return `$found } }").AddArgument($line)
            @($ps.Invoke()) | Should -Contain 'myproject'
        }
        finally { $ps.Dispose() }
    }

    It 'completes Connect-OpenShift -Namespace through a session already connected to that cluster' {
        (Get-Completion "Connect-OpenShift -KubeConfig '$($sandbox.KubeConfigPath)' -Namespace my").CompletionText | Should -Contain 'myproject'
    }

    It 'gives up on a cluster that does not answer, offering nothing instead of hanging' {
        # A listener that accepts connections and never answers them: TLS never completes.
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $silent = Join-Path $TestDrive 'silent.kubeconfig'
        @"
apiVersion: v1
kind: Config
clusters:
- name: silent
  cluster: { server: 'https://127.0.0.1:$($listener.LocalEndpoint.Port)', insecure-skip-tls-verify: true }
users:
- name: someone
  user: { token: not-a-real-token }
contexts:
- name: silent
  context: { cluster: silent, user: someone, namespace: myproject }
current-context: silent
"@ | Set-Content $silent
        $ps = [powershell]::Create()
        try {
            $line = "Connect-OpenShift -KubeConfig '$silent' -Namespace my"
            $null = $ps.AddScript("Import-Module '$env:IMAGESTREAMPS_MODULE_PATH'; @((TabExpansion2 -inputScript `$args[0] -cursorColumn `$args[0].Length).CompletionMatches.CompletionText)").AddArgument($line)
            $async = $ps.BeginInvoke()
            # Tab waits 1.5 s for the cluster; 30 s is the bound that tells "gave up" from "hangs".
            $async.AsyncWaitHandle.WaitOne([timespan]::FromSeconds(30)) | Should -BeTrue
            @($ps.EndInvoke($async)) | Should -BeNullOrEmpty
        }
        finally {
            $ps.Dispose()
            $listener.Stop()
        }
    }
}
