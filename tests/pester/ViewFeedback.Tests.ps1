# What people are told: state-changing cmdlets say what they did on the information stream, in
# oc's words ("Tag citas:latest set to citas@sha256:…"), shown like Write-Host, silent under
# -InformationAction Ignore and never on the output; -WhatIf and -Confirm name the apps a change
# reaches, by tag.
BeforeAll {
    Import-Module $env:IMAGESTREAMPS_MODULE_PATH -Force
    $sandbox = Start-OpenShiftSandbox -Seed Tutorial -DataPath (Join-Path $TestDrive 'sandbox') -Connect
    $server = $sandbox.Server.ToString().TrimEnd('/')

    # Runs a step and splits what it wrote: Output (the pipeline) and Said (information records).
    function Invoke-Step([scriptblock] $Step) {
        $all = @(& $Step 6>&1)
        [pscustomobject]@{
            Output = @($all | Where-Object { $_ -isnot [System.Management.Automation.InformationRecord] })
            Said   = @($all | Where-Object { $_ -is [System.Management.Automation.InformationRecord] } | ForEach-Object { "$($_.MessageData)" })
        }
    }

    # What the host shows for a step (the -WhatIf lines), through a transcript.
    function Get-HostText([scriptblock] $Step) {
        $file = Join-Path $TestDrive ("transcript-" + [guid]::NewGuid().ToString('n') + '.txt')
        $null = Start-Transcript -Path $file
        try { $null = & $Step } finally { $null = Stop-Transcript }
        Get-Content -Raw $file
    }
}

AfterAll {
    if ($sandbox) { Stop-OpenShiftSandbox -InputObject $sandbox -InformationAction Ignore }
}

Describe 'State-changing cmdlets say what they did, like oc' {
    It 'New-ImageStream: imagestream.image.openshift.io/citas created' {
        $step = Invoke-Step { New-ImageStream citas }
        $step.Said | Should -Be @('imagestream.image.openshift.io/citas created')
        $step.Output.Count | Should -Be 1
        $step.Output[0].GetType().Name | Should -Be 'ImageStream'
    }

    It 'Import-ImageTag: the tag, where it came from and the image it got' {
        $step = Invoke-Step { Import-ImageTag citas:v1 -From docker.io/josedom24/citas-backend:v1 }
        $script:v1 = $step.Output[0]
        $step.Said | Should -Be @("Tag citas:v1 imported from docker.io/josedom24/citas-backend:v1 (citas@$($v1.Image)).")
        Import-ImageTag citas:v2 -From docker.io/josedom24/citas-backend:v2 -InformationAction Ignore | Out-Null
    }

    It 'Set-ImageTag: oc tag''s own line, Tag citas:prod set to citas@sha256:…' {
        $step = Invoke-Step { Set-ImageTag citas:v1 citas:prod }
        $step.Said | Should -Be @("Tag citas:prod set to citas@$($v1.Image).")
        $step.Output | Should -BeNullOrEmpty
    }

    It 'New-App: each object it created' {
        $step = Invoke-Step { New-App citas:prod -Name app-citas }
        $step.Said | Should -Be @('deployment.apps/app-citas created', 'service/app-citas created')
        $step.Output.Name | Should -Be 'app-citas'
    }

    It 'New-AppRoute: route.route.openshift.io/app-citas exposed (oc expose)' {
        $step = Invoke-Step { New-AppRoute -Service app-citas -Port 10000 }
        $step.Said | Should -Be @('route.route.openshift.io/app-citas exposed')
    }

    It 'Set-OpenShiftSession: Now using project … on server … (oc project)' {
        $step = Invoke-Step { Set-OpenShiftSession -Namespace myproject }
        $step.Said | Should -Be @("Now using project `"myproject`" on server `"$server`".")
        $step.Output | Should -BeNullOrEmpty
    }

    It 'Connect-OpenShift and Disconnect-OpenShift name the server, the user and the project' {
        $connect = Invoke-Step { Connect-OpenShift -KubeConfig $sandbox.KubeConfigPath -NotDefault }
        $connect.Said | Should -Be @("Connected to `"$server`" as `"developer`", using project `"myproject`".")
        $session = $connect.Output[0]
        (Invoke-Step { Disconnect-OpenShift -Session $session }).Said | Should -Be @("Disconnected from `"$server`" (session $($session.Id)).")
    }

    It 'Remove-ImageTag: oc tag -d''s Deleted tag …' {
        Set-ImageTag citas:v2 citas:old -InformationAction Ignore
        (Invoke-Step { Remove-ImageTag citas:old -Force }).Said | Should -Be @('Deleted tag myproject/citas:old.')
    }

    It 'Remove-ImageStream: imagestream.image.openshift.io "tmp" deleted' {
        New-ImageStream tmp -InformationAction Ignore | Out-Null
        (Invoke-Step { Remove-ImageStream tmp -Force }).Said | Should -Be @('imagestream.image.openshift.io "tmp" deleted')
    }

    It 'says nothing under -InformationAction Ignore, and the output is the same' {
        $step = Invoke-Step { New-ImageStream quiet -InformationAction Ignore }
        $step.Said | Should -BeNullOrEmpty
        $step.Output.Name | Should -Be 'quiet'
    }

    It 'is shown by default, as Write-Host is (not only with $InformationPreference = Continue)' {
        $InformationPreference | Should -Be 'SilentlyContinue'
        Get-HostText { New-ImageStream shown } | Should -Match ([regex]::Escape('imagestream.image.openshift.io/shown created'))
    }

    It 'says nothing with -WhatIf, where nothing was done' {
        (Invoke-Step { New-ImageStream never -WhatIf }).Said | Should -BeNullOrEmpty
        (Invoke-Step { Set-ImageTag citas:v2 citas:never -WhatIf }).Said | Should -BeNullOrEmpty
    }
}

Describe '-WhatIf and -Confirm name the apps a removal reaches' {
    BeforeAll {
        Get-AppRollout app-citas -Wait -Timeout 00:01:00 -ErrorAction Stop | Out-Null
    }

    It 'Remove-ImageTag -WhatIf names the Deployment that follows the tag and the version it keeps running, and removes nothing' {
        $text = Get-HostText { Remove-ImageTag citas:prod -WhatIf }
        $text | Should -Match ([regex]::Escape("What if: Remove tag myproject/citas:prod and its history"))
        $text | Should -Match ([regex]::Escape("deployment/app-citas (container citas) follows citas:prod and runs citas:v1 ($($v1.Image.Substring(0, 19))): it keeps running that image; setting citas:prod again rolls it out"))
        (Get-ImageTag citas:prod).Image | Should -Be $v1.Image
    }

    It 'Set-ImageTag -WhatIf names a tag source by its tag beside the digest it writes' {
        $v2 = Get-ImageTag citas:v2
        $text = Get-HostText { Set-ImageTag citas:v2 citas:prod -WhatIf }
        $text | Should -Match ([regex]::Escape("What if: Set tag myproject/citas:prod to ImageStreamImage citas@$($v2.Image) (the image citas:v2 points to) on 127.0.0.1"))
        (Get-ImageTag citas:prod).Image | Should -Be $v1.Image
    }

    It 'Remove-ImageTag -WhatIf says when no app follows the tag' {
        Get-HostText { Remove-ImageTag citas:v2 -WhatIf } | Should -Match 'no Deployment in myproject follows citas:v2'
    }

    It 'Remove-ImageStream -WhatIf names the apps that follow any of its tags' {
        $text = Get-HostText { Remove-ImageStream citas -WhatIf }
        $text | Should -Match ([regex]::Escape('What if: Remove image stream myproject/citas with its tags'))
        $text | Should -Match ([regex]::Escape('deployment/app-citas (container citas) follows citas:prod and runs citas:v1'))
        $text | Should -Match ([regex]::Escape('creating citas:prod again rolls it out'))
        Get-ImageStream citas | Should -Not -BeNullOrEmpty
    }

    It '-Confirm asks with the same impact, in a real terminal, and answering No removes nothing' -Skip:(-not (Get-Command tmux -ErrorAction SilentlyContinue)) {
        . "$PSScriptRoot/ViewTerminal.ps1"
        $terminal = Start-ViewTerminal -Width 120 -KubeConfig $sandbox.KubeConfigPath
        try {
            $prompt = Get-ViewTerminalConfirmation $terminal 'Remove-ImageTag citas:prod'
            $prompt | Should -Match 'Remove tag myproject/citas:prod and its history'
            ($prompt -replace '\s+', ' ') | Should -Match ([regex]::Escape('deployment/app-citas (container citas) follows citas:prod and runs citas:v1'))
        }
        finally { Stop-ViewTerminal $terminal }
        (Get-ImageTag citas:prod).Image | Should -Be $v1.Image
    }

    It 'Set-ImageTag -Confirm shows the rollouts the move would cause, by tag, as -WhatIf does' -Skip:(-not (Get-Command tmux -ErrorAction SilentlyContinue)) {
        . "$PSScriptRoot/ViewTerminal.ps1"
        $terminal = Start-ViewTerminal -Width 160 -KubeConfig $sandbox.KubeConfigPath
        try {
            $prompt = Get-ViewTerminalConfirmation $terminal 'Set-ImageTag citas:v2 citas:prod -Confirm'
            ($prompt -replace '\s+', ' ') | Should -Match ([regex]::Escape("would roll out deployment/app-citas container citas: citas:v1 ($($v1.Image.Substring(0, 19))) -> citas:v2"))
            ($prompt -replace '\s+', ' ') | Should -Match ([regex]::Escape("Set tag myproject/citas:prod to ImageStreamImage citas@$((Get-ImageTag citas:v2).Image) (the image citas:v2 points to) on "))
        }
        finally { Stop-ViewTerminal $terminal }
        (Get-ImageTag citas:prod).Image | Should -Be $v1.Image
    }

    It 'Ctrl+C at a -Confirm prompt stops the command: nothing is set and the shell goes on (80 columns)' -Skip:(-not (Get-Command tmux -ErrorAction SilentlyContinue)) {
        . "$PSScriptRoot/ViewTerminal.ps1"
        $terminal = Start-ViewTerminal -Width 80 -KubeConfig $sandbox.KubeConfigPath
        try {
            Wait-ViewTerminal $terminal '(?m)^PS [^\n]*> *\s*\z' 'a prompt' | Out-Null
            Send-ViewTerminalKeys $terminal 'Clear-Host; Set-ImageTag citas:v2 citas:prod -Confirm' -Literal
            Send-ViewTerminalKeys $terminal Enter
            $prompt = Wait-ViewTerminal $terminal '\[N\] No' 'the confirmation prompt'
            ($prompt -replace '\s+', '') | Should -Match ([regex]::Escape('citas:v1(' + $v1.Image.Substring(0, 19) + ')->citas:v2'))
            Send-ViewTerminalKeys $terminal C-c
            Wait-ViewTerminal $terminal '(?m)^PS [^\n]*> *\s*\z' 'the prompt after Ctrl+C' | Out-Null
            Invoke-ViewTerminal $terminal "'prod=' + (Get-ImageTag citas:prod).Image" | Should -Match ([regex]::Escape("prod=$($v1.Image)"))
        }
        finally { Stop-ViewTerminal $terminal }
        (Get-ImageTag citas:prod).Image | Should -Be $v1.Image
        (Get-AppRollout app-citas).Runs | Should -Be 'citas:v1'
    }
}
