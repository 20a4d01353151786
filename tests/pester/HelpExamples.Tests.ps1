# Every example in every cmdlet's help runs as written: against a sandbox, each in a runspace and a
# project of its own that holds what the tutorial leaves (citas:v1, v2, prod, latest; app-citas), in a
# profile of its own (HOME), answering Yes where a cmdlet asks for confirmation. Examples that create
# or remove projects (cluster-wide) get a sandbox of their own. An example whose help
# says "Needs a real cluster" is parsed instead, and each parameter it gives a cmdlet of this module
# (or of PowerShell) must exist.
BeforeDiscovery {
    Import-Module $env:IMAGESTREAMPS_MODULE_PATH -Force
    $examples = foreach ($name in (Get-Module ImageStreamPS).ExportedCmdlets.Keys | Sort-Object) {
        $number = 0
        foreach ($example in @((Get-Help $name -Full).examples.example)) {
            $number++
            $remarks = ($example.remarks.Text -join "`n").Trim()
            $code = ($example.code -replace '(?m)^PS> ?', '').Trim()
            @{
                Cmdlet      = $name
                Number      = $number
                Code        = $code
                RealCluster = $remarks -match '(?m)^Needs a real cluster'
                # Stopping every sandbox (or those in a temp folder) would stop the others' cluster: these run last.
                StopsSandboxes = $code -match 'Stop-OpenShiftSandbox' -and $code -notmatch '^\$sandbox ='
                OwnCluster  = $code -match '(New|Remove)-OpenShiftProject'
            }
        }
    }
    $runnable = @($examples | Where-Object { -not $_.RealCluster } | Sort-Object { $_.StopsSandboxes }, { $_.Cmdlet }, { $_.Number })
    $realCluster = @($examples | Where-Object RealCluster)
}

BeforeAll {
    Import-Module $env:IMAGESTREAMPS_MODULE_PATH -Force
    $modulePath = $env:IMAGESTREAMPS_MODULE_PATH

    # A profile of its own: the default sandbox folder and anything an example writes under HOME.
    $saved = @{ HOME = $env:HOME; XDG_DATA_HOME = $env:XDG_DATA_HOME; XDG_CONFIG_HOME = $env:XDG_CONFIG_HOME }
    $env:HOME = Join-Path $TestDrive 'home'
    $env:XDG_DATA_HOME = Join-Path $env:HOME '.local/share'
    $env:XDG_CONFIG_HOME = Join-Path $env:HOME '.config'
    $null = New-Item -ItemType Directory -Force $env:XDG_DATA_HOME, $env:XDG_CONFIG_HOME

    $main = Start-OpenShiftSandbox -Seed Tutorial -DataPath (Join-Path $TestDrive 'main-sandbox') -Connect
    $script:project = 0

    # A project with what the tutorial leaves, for one example (without the stream or the app when
    # the example is the step that creates it).
    function New-ExampleProject($Session, [bool] $WithStreams, [bool] $WithApp) {
        $script:project++
        $ns = "example-$script:project"
        New-OpenShiftProject $ns -NoSwitch -Session $Session -InformationAction Ignore -ErrorAction Stop | Out-Null
        $quiet = @{ Session = $Session; Namespace = $ns; InformationAction = 'Ignore'; ErrorAction = 'Stop' }
        if (-not $WithStreams) { return $ns }
        New-ImageStream citas, tmp-build @quiet | Out-Null
        Import-ImageTag citas:v1 -From docker.io/josedom24/citas-backend:v1 @quiet | Out-Null
        Import-ImageTag citas:v2 -From docker.io/josedom24/citas-backend:v2 @quiet | Out-Null
        Set-ImageTag citas:v1 citas:prod @quiet
        Set-ImageTag citas:v2 citas:latest @quiet
        Set-ImageTag citas:v2 citas:pr-17 @quiet
        if ($WithApp) { New-App citas:prod -Name app-citas @quiet | Out-Null }
        $ns
    }

    # Runs one example in a runspace of its own (connected to a sandbox in its project, when given
    # one) and stops the sandboxes it started; returns what went wrong.
    function Invoke-Example([string] $Code, $Sandbox, [string] $Namespace) {
        $folder = New-Item -ItemType Directory -Force (Join-Path $TestDrive "run-$script:project")
        $ps = [powershell]::Create()
        $keep = @($main.ProcessId, $Sandbox.ProcessId)
        try {
            $setup = @(
                "Import-Module '$modulePath'"
                if ($Namespace) { "`$null = Connect-OpenShift -KubeConfig '$($Sandbox.KubeConfigPath)' -Namespace '$Namespace' -InformationAction Ignore" }
                "Set-Location '$folder'"
                "`$ConfirmPreference = 'None'"
            ) -join '; '
            $null = $ps.AddScript($setup).AddStatement().AddScript($Code)
            $async = $ps.BeginInvoke()
            if (-not $async.AsyncWaitHandle.WaitOne([timespan]::FromMinutes(5))) {
                $ps.Stop()
                return @('did not finish within 5 minutes')
            }
            $null = $ps.EndInvoke($async)
            @($ps.Streams.Error | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" })
        }
        catch {
            @("terminated: $($_.Exception.InnerException.Message ?? $_.Exception.Message)")
        }
        finally {
            $ps.Dispose()
            # (Stop-OpenShiftSandbox with no input stops every sandbox: only call it with some.)
            $started = @(Get-OpenShiftSandbox | Where-Object ProcessId -notin $keep)
            if ($started) { Stop-OpenShiftSandbox -InputObject $started -InformationAction Ignore }
        }
    }

    # The parameters a command line gives each command this session knows, that the command does not have.
    function Get-UnknownParameter([string] $Code) {
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref] $null, [ref] $null)
        foreach ($command in $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true)) {
            $name = $command.GetCommandName()
            $info = if ($name) { Get-Command $name -CommandType Cmdlet, Function -ErrorAction SilentlyContinue | Select-Object -First 1 }
            if (-not $info) { continue }   # an external program (kubectl) or a module this machine lacks (Get-Secret)
            $known = @($info.Parameters.Values | ForEach-Object { $_.Name; $_.Aliases })
            foreach ($parameter in $command.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
                $matching = @($known | Where-Object { $_ -like "$($parameter.ParameterName)*" })
                if (-not ($known -contains $parameter.ParameterName) -and $matching.Count -ne 1) { "$name -$($parameter.ParameterName)" }
            }
        }
    }
}

AfterAll {
    $left = @(Get-OpenShiftSandbox -ErrorAction SilentlyContinue)
    if ($left) { Stop-OpenShiftSandbox -InputObject $left -ErrorAction SilentlyContinue -InformationAction Ignore }
    foreach ($key in $saved.Keys) { Set-Item "env:$key" $saved[$key] -ErrorAction SilentlyContinue; if (-not $saved[$key]) { Remove-Item "env:$key" -ErrorAction SilentlyContinue } }
}

Describe 'Every help example parses' -ForEach $examples {
    It '<Cmdlet> example <Number>' {
        $errors = $null
        $null = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref] $null, [ref] $errors)
        $errors | Should -BeNullOrEmpty
    }
}

Describe 'Help examples run as written on the sandbox' {
    It '<Cmdlet> example <Number>' -ForEach $runnable {
        if ($StopsSandboxes) {
            # It stops the sandboxes it finds (the examples' own one too, so it runs last): give it one
            # of its own, in a temporary folder, to find.
            Start-OpenShiftSandbox -DataPath (Join-Path ([IO.Path]::GetTempPath()) "isps-example-$PID-$Number") | Out-Null
            $problems = Invoke-Example -Code $Code
        }
        elseif ($OwnCluster) {
            # Projects are cluster-wide: an example that creates or removes them gets a sandbox of its own,
            # holding the projects it removes.
            $own = Start-OpenShiftSandbox -Seed Tutorial -DataPath (Join-Path $TestDrive "own-$Cmdlet-$Number")
            try {
                $session = $own | Connect-OpenShift -NotDefault -InformationAction Ignore
                foreach ($name in [regex]::Matches($Code, 'Remove-OpenShiftProject\s+([a-z0-9][a-z0-9-]*)') | ForEach-Object { $_.Groups[1].Value }) {
                    New-OpenShiftProject $name -NoSwitch -Session $session -InformationAction Ignore | Out-Null
                }
                $ns = New-ExampleProject $session -WithStreams $true -WithApp $true
                $problems = Invoke-Example -Code $Code -Sandbox $own -Namespace $ns
                Disconnect-OpenShift -Session $session -InformationAction Ignore
            }
            finally { Stop-OpenShiftSandbox -InputObject $own -InformationAction Ignore }
        }
        else {
            $ns = New-ExampleProject (Get-OpenShiftSession -Default) -WithStreams ($Code -notmatch '\bNew-ImageStream\s+citas\b') -WithApp ($Code -notmatch '\bNew-App\b')
            $problems = Invoke-Example -Code $Code -Sandbox $main -Namespace $ns
        }
        $problems | Should -BeNullOrEmpty -Because "example:`n$Code"
    }
}

Describe 'Help examples that need a real cluster say so, and name real parameters' {
    It '<Cmdlet> example <Number>' -ForEach $realCluster {
        Get-UnknownParameter $Code | Should -BeNullOrEmpty
    }
}
