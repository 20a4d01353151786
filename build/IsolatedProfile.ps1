<#
.SYNOPSIS
    Dot-source for Invoke-WithIsolatedProfile and Get-PwshCommand: run child pwsh processes whose
    user profile is a scratch folder.
.DESCRIPTION
    PowerShell, .NET and PSResourceGet find the user's folders through HOME/USERPROFILE, the XDG
    variables, LOCALAPPDATA/APPDATA and PSModulePath, and create files there on first use
    (PSResourceGet writes its repository store the first time it loads). Inside the script block
    those variables point at a scratch folder, so a child process started there reads nothing of
    the user's own profile and leaves nothing in it. KUBECONFIG is cleared for the same reason.
#>

function Get-PwshCommand {
    # A fresh pwsh like this one: as a .NET tool the process is dotnet running pwsh.dll.
    $process = [Environment]::ProcessPath
    if ((Split-Path $process -Leaf) -like 'dotnet*') { return $process, @("$PSHOME/pwsh.dll") }
    return $process, @()
}

function Invoke-WithIsolatedProfile {
    param(
        # The scratch profile folder (created if missing); the caller removes it.
        [Parameter(Mandatory)] [string] $ProfilePath,
        [Parameter(Mandatory)] [scriptblock] $ScriptBlock
    )
    $profileFolder = (New-Item -ItemType Directory -Force $ProfilePath).FullName
    # .NET resolves a special folder only if it exists (else ''; PSResourceGet would then write
    # relative to the working directory), so the folders are made first.
    foreach ($folder in '.local/share', '.config', '.cache', 'AppData/Local', 'AppData/Roaming') {
        New-Item -ItemType Directory -Force (Join-Path $profileFolder $folder) | Out-Null
    }
    $isolated = @{
        HOME = $profileFolder; USERPROFILE = $profileFolder
        XDG_DATA_HOME = $null; XDG_CONFIG_HOME = $null; XDG_CACHE_HOME = $null
        LOCALAPPDATA = Join-Path $profileFolder 'AppData/Local'; APPDATA = Join-Path $profileFolder 'AppData/Roaming'
        PSModulePath = $null; KUBECONFIG = $null
    }
    $saved = @{}
    foreach ($name in $isolated.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $isolated[$name])
    }
    try { & $ScriptBlock }
    finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
}
