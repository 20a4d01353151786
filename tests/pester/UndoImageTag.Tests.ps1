# Undo-ImageTag: a tag moved back to the image it pointed to before (its status history), and the
# image trigger rolling the app back with it, against the sandbox.
BeforeAll {
    Import-Module $env:IMAGESTREAMPS_MODULE_PATH -Force
    . (Join-Path $PSScriptRoot 'ImageStreamTestSupport.ps1')
    $context = Start-TestSandbox
    $session = $context.Session
    $ns = $session.Namespace
    $hub = 'docker.io/josedom24/citas-backend'

    New-ImageStream citas | Out-Null
    $script:v1 = Import-ImageTag citas:v1 -From "${hub}:v1"
    $script:v2 = Import-ImageTag citas:v2 -From "${hub}:v2"
    Set-ImageTag citas:v1 citas:prod
    New-App citas:prod -Name app-citas | Out-Null
    Get-AppRollout app-citas -Wait -Timeout 00:01:00 | Out-Null
    Set-ImageTag citas:v2 citas:prod -Wait -Timeout 00:01:00 | Out-Null
}

AfterAll {
    Stop-TestSandbox $context
}

Describe 'Undo-ImageTag' {
    It '-WhatIf names the image prod would go back to and the Deployment that would roll back, and writes nothing' {
        $made = $null
        $text = Get-HostText { $script:made = Measure-Requests $context { Undo-ImageTag citas:prod -WhatIf } }

        $text | Should -Match ([regex]::Escape("What if: Move tag $ns/citas:prod back to history item 1, citas@$($v1.Image)"))
        # Images are named by the tags that point at them and their short digests, as Set-ImageTag -WhatIf names them.
        $text | Should -Match ([regex]::Escape("would roll out deployment/app-citas container citas: citas:v2 ($($v2.Image.Substring(0, 19))) -> citas:v1 ($($v1.Image.Substring(0, 19)))"))
        $made.Keys | Where-Object { $_ -match '^(update|create|delete|patch) ' } | Should -BeNullOrEmpty
        (Get-ImageTag citas:prod).Image | Should -Be $v2.Image
    }

    It 'moves prod back to v1 with one PUT, says so, and -Wait returns the rollout back to v1' {
        $made = Measure-Requests $context {
            $script:rollouts = @(Undo-ImageTag citas:prod -Wait -Timeout 00:01:00 -InformationVariable info)
            $script:info = $info
        }

        $made['update imagestreamtags 201'] + $made['update imagestreamtags 200'] | Should -Be 1
        $rollouts.Count | Should -Be 1
        $rollouts[0] | Should -BeOfType ([ImageStreamPS.Model.AppRollout])
        $rollouts[0].Name | Should -Be 'app-citas'
        $rollouts[0].Status | Should -Be 'Complete'
        $rollouts[0].Digest | Should -Be $v1.Image
        @($info | ForEach-Object { "$($_.MessageData)" }) | Should -Be @("Tag citas:prod set to citas@$($v1.Image).")
        (Get-AppRollout app-citas).Digest | Should -Be $v1.Image
    }

    It 'records the move as the newest history item, so the history reads v1, v2, v1' {
        $prod = Get-ImageTag citas:prod

        $prod.Image | Should -Be $v1.Image
        $prod.Source | Should -Be "citas@$($v1.Image)"
        $prod.History.Image | Should -Be @($v1.Image, $v2.Image, $v1.Image)
    }

    It 'goes forward again when undone twice (-To 1 is the default), taking piped tags and writing them with -PassThru' {
        $tag = Get-ImageTag citas:prod | Undo-ImageTag -To 1 -PassThru -Wait -Timeout 00:01:00 |
            Where-Object { $_ -is [ImageStreamPS.Model.ImageTag] }

        $tag.Name | Should -Be 'citas:prod'
        $tag.Image | Should -Be $v2.Image
        $tag.Session | Should -Be $session
        (Get-AppRollout app-citas).Digest | Should -Be $v2.Image
    }

    It 'goes back to an image of the history named by its id or a prefix of it' {
        $short = $v1.Image.Substring(7, 12)
        Undo-ImageTag citas:prod -To $short -PassThru | Select-Object -ExpandProperty Image | Should -Be $v1.Image
        Undo-ImageTag citas:prod -To $v2.Image -PassThru | Select-Object -ExpandProperty Image | Should -Be $v2.Image
    }

    It 'refuses <To> for citas:prod as <Id> (<Category>)' -ForEach @(
        @{ To = '0'; Id = 'ImageTagAlreadyThere'; Category = 'InvalidOperation' }
        @{ To = '99'; Id = 'ImageTagNotInHistory'; Category = 'ObjectNotFound' }
        @{ To = 'abcdef0123'; Id = 'ImageTagNotInHistory'; Category = 'ObjectNotFound' }
    ) {
        $e = { Undo-ImageTag citas:prod -To $To -ErrorAction Stop } | Should -Throw -PassThru

        $e.FullyQualifiedErrorId | Should -Be "$Id,ImageStreamPS.Commands.UndoImageTagCommand"
        $e.CategoryInfo.Category | Should -Be $Category
        (Get-ImageTag citas:prod).Image | Should -Be $v2.Image
    }

    It 'refuses a -To that is neither an index nor an image id before any request' {
        $made = Measure-Requests $context {
            $script:e = { Undo-ImageTag citas:prod -To v1 -ErrorAction Stop } | Should -Throw -PassThru
        }

        $e.FullyQualifiedErrorId | Should -Be 'ImageTagInvalidTarget,ImageStreamPS.Commands.UndoImageTagCommand'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.Exception.Message | Should -Match 'neither a history index nor an image id'
        Get-RequestTotal $made | Should -Be 0
    }

    It 'says a tag that has pointed to one image only has nothing to go back to' {
        $e = { Undo-ImageTag citas:v1 -ErrorAction Stop } | Should -Throw -PassThru

        $e.FullyQualifiedErrorId | Should -Be 'ImageTagNoEarlierImage,ImageStreamPS.Commands.UndoImageTagCommand'
        $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e.Exception.Message | Should -Match 'no earlier image'
    }

    It 'reports a tag that does not exist and goes on with the next one' {
        $moved = Undo-ImageTag citas:ghost, citas:prod -PassThru -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -Be 'ImageTagNotFound,ImageStreamPS.Commands.UndoImageTagCommand'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $moved.Image | Should -Be $v1.Image
    }

    It 'refuses a tag read from another session than -Session' {
        $other = Connect-OpenShift -KubeConfig $context.Sandbox.KubeConfigPath -NotDefault
        try {
            $e = { Get-ImageTag citas:prod | Undo-ImageTag -Session $other -ErrorAction Stop } | Should -Throw -PassThru
            $e.FullyQualifiedErrorId | Should -Be 'SessionMismatch,ImageStreamPS.Commands.UndoImageTagCommand'
            $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        }
        finally { $other | Disconnect-OpenShift }
        (Get-ImageTag citas:prod).Image | Should -Be $v1.Image
    }

    It 'completes the tag and the history indexes of the tag named' {
        $line = 'Undo-ImageTag citas:pr'
        @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText) | Should -Be @('citas:prod')
        $line = 'Undo-ImageTag citas:prod -To '
        $matches = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        @($matches.CompletionText)[0] | Should -Be '1'
        $matches[0].ToolTip | Should -Match '^1: sha256:'
        @($matches.CompletionText) | Should -Not -Contain '0'
    }
}

Describe 'Undo-ImageTag on a tag deleted and set again (the tutorial''s promotion)' {
    BeforeAll {
        Remove-ImageTag citas:prod -Force
        Set-ImageTag citas:v2 citas:prod -Wait -Timeout 00:01:00 | Out-Null
    }

    It 'goes back to the image the app that follows the tag ran before, and says where it found it' {
        (Get-ImageTag citas:prod).History.Image | Should -Be @($v2.Image)
        $text = Get-HostText { Undo-ImageTag citas:prod -WhatIf }
        $text | Should -Match ([regex]::Escape("What if: Move tag $ns/citas:prod back to citas@$($v1.Image), the image app-citas ran in revision"))
        $text | Should -Match 'the tag''s own history starts at its current image'

        $rollouts = @(Undo-ImageTag citas:prod -Wait -Timeout 00:01:00)

        $rollouts.Name | Should -Be @('app-citas')
        $rollouts[0].Digest | Should -Be $v1.Image
        (Get-ImageTag citas:prod).History.Image | Should -Be @($v1.Image, $v2.Image)
    }

    It 'has nothing to go back to when no app followed the tag before' {
        Remove-ImageTag citas:v2 -Force
        Set-ImageTag citas:v1 citas:v2

        $e = { Undo-ImageTag citas:v2 -ErrorAction Stop } | Should -Throw -PassThru

        $e.FullyQualifiedErrorId | Should -Be 'ImageTagNoEarlierImage,ImageStreamPS.Commands.UndoImageTagCommand'
    }
}
