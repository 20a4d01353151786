# A real terminal for view tests: tmux (its own server socket) running an interactive pwsh with the
# module imported, the way a person sees the console host format, prompt and complete.
# Dot-source, then: $t = Start-ViewTerminal -Width 80 -KubeConfig $path; Invoke-ViewTerminal $t 'Get-ImageTag';
# Stop-ViewTerminal $t. Test-ViewTerminal says whether tmux is there at all.

function Test-ViewTerminal { [bool] (Get-Command tmux -CommandType Application -ErrorAction SilentlyContinue) }

function Start-ViewTerminal([int] $Width, [string] $KubeConfig) {
    $tmux = (Get-Command tmux -CommandType Application | Select-Object -First 1).Source
    $terminal = [pscustomobject]@{ Tmux = $tmux; Socket = "isps-views-$PID-$([guid]::NewGuid().ToString('n').Substring(0, 8))"; Line = 0 }
    $process = [Environment]::ProcessPath
    $pwsh = if ((Split-Path $process -Leaf) -like 'dotnet*') { "'$process' '$PSHOME/pwsh.dll'" } else { "'$process'" }
    & $tmux -L $terminal.Socket new-session -d -s views -x $Width -y 150 "$pwsh -NoLogo -NoProfile"
    $setup = "`$PSStyle.OutputRendering = 'PlainText'; Import-Module '$env:IMAGESTREAMPS_MODULE_PATH'"
    if ($KubeConfig) { $setup += "; `$null = Connect-OpenShift -KubeConfig '$KubeConfig' -InformationAction Ignore" }
    Invoke-ViewTerminal $terminal $setup | Out-Null
    $terminal
}

function Stop-ViewTerminal($Terminal) {
    if ($Terminal) { & $Terminal.Tmux -L $Terminal.Socket kill-server 2>$null }
}

# The screen as the terminal shows it now.
function Get-ViewTerminalScreen($Terminal) { (& $Terminal.Tmux -L $Terminal.Socket capture-pane -p -t views) -join "`n" }

# Waits until the screen matches a pattern (polling, with a deadline) and returns it.
function Wait-ViewTerminal($Terminal, [string] $Pattern, [string] $What, [int] $Seconds = 90) {
    $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
    do {
        $screen = Get-ViewTerminalScreen $Terminal
        if ($screen -match $Pattern) { return $screen }
        Start-Sleep -Milliseconds 200
    } while ([DateTime]::UtcNow -lt $deadline)
    throw "The terminal did not show $What within $Seconds s. Screen:`n$screen"
}

# Types keys at the prompt without Enter (for Tab and prompts); -Literal types text as is.
function Send-ViewTerminalKeys($Terminal, [string[]] $Keys, [switch] $Literal) {
    if ($Literal) { & $Terminal.Tmux -L $Terminal.Socket send-keys -t views -l ($Keys -join '') }
    else { & $Terminal.Tmux -L $Terminal.Socket send-keys -t views @Keys }
}

# Waits for a prompt, clears the screen, types a command line and returns the screen once it finished.
function Invoke-ViewTerminal($Terminal, [string] $Command) {
    $Terminal.Line++
    $marker = "##done-$($Terminal.Line)"
    Wait-ViewTerminal $Terminal '(?m)^PS [^\n]*> *\s*\z' 'a prompt' | Out-Null
    Send-ViewTerminalKeys $Terminal "Clear-Host; $Command; '$marker'" -Literal
    Send-ViewTerminalKeys $Terminal Enter
    Wait-ViewTerminal $Terminal "(?m)^$marker\s*$" "the end of '$Command'"
}

# Types a command that asks for confirmation, returns the prompt as shown, answers No and waits for
# the next PowerShell prompt.
function Get-ViewTerminalConfirmation($Terminal, [string] $Command) {
    Wait-ViewTerminal $Terminal '(?m)^PS [^\n]*> *\s*\z' 'a prompt' | Out-Null
    Send-ViewTerminalKeys $Terminal "Clear-Host; $Command" -Literal
    Send-ViewTerminalKeys $Terminal Enter
    $prompt = Wait-ViewTerminal $Terminal '\[N\] No' "the confirmation prompt of '$Command'"
    Send-ViewTerminalKeys $Terminal 'N' -Literal
    Send-ViewTerminalKeys $Terminal Enter
    Wait-ViewTerminal $Terminal '(?m)^PS [^\n]*> *\s*\z' 'the prompt after No' | Out-Null
    $prompt
}
